package io.coinlake.cli;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.orchestrate.PipelineSpec;
import io.coinlake.orchestrate.Stage;
import io.coinlake.tracking.Tracking;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * Opens the tracking backend before the SparkSession when a command runs a stage that uses MLflow
 * (train, score, report), so a wrong or unreachable tracking server fails in seconds with one line instead
 * of after minutes of Spark work.
 */
final class TrackingPreflight {
  static final Set<Stage> USES_TRACKING = EnumSet.of(Stage.TRAIN, Stage.SCORE, Stage.REPORT);

  private TrackingPreflight() {}

  static void check(CoinlakeConfig config, Collection<Stage> stages) {
    if (stages.stream().anyMatch(USES_TRACKING::contains)) {
      Tracking.open(config);
    }
  }

  static void check(CoinlakeConfig config, PipelineSpec spec) {
    check(config, spec.tasks().stream().map(task -> Stage.fromLabel(task.command())).toList());
  }
}
