package io.coinlake.fetch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Client-side rate limit for one API: at least {@code minInterval} between the starts of two
 * requests, retries included. Free API tiers ban or throttle clients that burst, so we pace
 * ourselves instead of relying on 429s. Time comes from the injected clock and waits go through
 * the injected sleeper, so tests check the spacing without waiting.
 */
public final class RateLimiter {
  private final Duration minInterval;
  private final Clock clock;
  private final Sleeper sleeper;
  private Instant lastStart;

  public RateLimiter(Duration minInterval, Clock clock, Sleeper sleeper) {
    this.minInterval = minInterval;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Blocks until the next request may start, and records that it starts now. */
  public synchronized void acquire() throws InterruptedException {
    if (lastStart != null) {
      Duration wait = Duration.between(clock.instant(), lastStart.plus(minInterval));
      if (!wait.isNegative() && !wait.isZero()) {
        sleeper.sleep(wait);
      }
    }
    lastStart = clock.instant();
  }
}
