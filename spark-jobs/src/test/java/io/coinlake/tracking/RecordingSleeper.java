package io.coinlake.tracking;

import io.coinlake.fetch.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records every wait instead of sleeping; an optional action runs on each (e.g. start a server). */
final class RecordingSleeper implements Sleeper {
  final List<Duration> sleeps = new ArrayList<>();
  private Runnable onSleep = () -> {};

  RecordingSleeper onSleep(Runnable action) {
    this.onSleep = action;
    return this;
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    onSleep.run();
  }
}
