package io.coinlake.cli;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.lake.Lake;
import io.coinlake.lake.LakeTable;
import io.coinlake.orchestrate.Console;
import io.coinlake.train.MetricComparison;
import io.coinlake.train.RecordedRun;
import io.coinlake.train.ReproduceVolatilityJob;
import io.coinlake.train.Reproduction;
import io.coinlake.train.TrainingException;
import io.coinlake.tracking.GitInfo;
import io.coinlake.tracking.Tracking;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * {@code coinlake train --reproduce <run-id>}: reads the run's recorded inputs (before starting
 * Spark, so a wrong id fails at once), warns about environment differences, retrains, prints every
 * summary metric next to the original's, and fails (exit 1) naming the metrics that differ.
 */
final class ReproduceTraining {
  private ReproduceTraining() {}

  static int run(CommonOptions options, String runId, Console console) {
    if (options.date != null || options.from != null || options.to != null) {
      throw new CommonOptions.UsageError("--reproduce takes the logical date from the run it reproduces; drop --date/--from/--to");
    }
    CoinlakeConfig config = options.config();
    Tracking tracking = Tracking.open(config);
    RecordedRun recorded;
    try {
      recorded = RecordedRun.read(tracking.runs(), runId, config.mlflow().trackingUri());
    } catch (TrainingException e) {
      throw new CommonOptions.UsageError(e.getMessage());
    }
    var spec = recorded.spec();
    console.line("Reproducing run " + runId + ": " + LakeTable.GOLD_FEATURES_VOLATILITY.qualifiedName() + " at Delta version "
        + spec.tableVersion() + ", as of " + spec.asOf().label() + ", code " + recorded.gitCommit());
    SparkSession spark = SparkSessions.create(config, "coinlake train --reproduce " + runId);
    try {
      String path = new Lake(config.lake().root()).path(LakeTable.GOLD_FEATURES_VOLATILITY);
      recorded.warnings(GitInfo.commit(), GitInfo.dirty(), spark.version(), path).forEach(console::line);
      Reproduction r = ReproduceVolatilityJob.run(spark, config, tracking, recorded);
      print(r, console);
      List<MetricComparison> bad = r.mismatches();
      if (!r.exact()) {
        throw new TrainingException("run " + runId + " did not reproduce (new run " + r.runId() + "): "
            + (bad.isEmpty() ? "" : bad.size() + " metrics differ beyond " + MetricComparison.TOLERANCE + " relative: " + names(bad))
            + (r.selectedModel().equals(r.originalModel()) ? "" : (bad.isEmpty() ? "" : "; ") + "selected " + r.selectedModel()
                + " instead of " + r.originalModel()));
      }
      console.line("Reproduced: all " + r.metrics().size() + " metrics within " + MetricComparison.TOLERANCE
          + " relative; new run " + r.runId() + " is tagged coinlake.reproduces=" + runId);
      return 0;
    } finally {
      spark.stop();
    }
  }

  static void print(Reproduction r, Console console) {
    console.line(String.format(Locale.ROOT, "  %-32s %22s %22s %10s", "metric", "original " + shortId(r.originalRunId()),
        "reproduced " + shortId(r.runId()), "rel diff"));
    for (MetricComparison m : r.metrics()) {
      console.line(String.format(Locale.ROOT, "%s %-32s %22s %22s %10s", m.matches() ? " " : "!", m.metric(),
          m.original() == null ? "(absent)" : Double.toString(m.original()), Double.toString(m.reproduced()),
          m.original() == null ? "-" : String.format(Locale.ROOT, "%.1e", m.relativeDifference())));
    }
    console.line(String.format(Locale.ROOT, "%s %-32s %22s %22s", r.selectedModel().equals(r.originalModel()) ? " " : "!",
        "selected model", r.originalModel(), r.selectedModel()));
  }

  private static String names(List<MetricComparison> bad) {
    List<String> shown = bad.stream().limit(8).map(m -> m.metric() + " (" + (m.original() == null ? "absent" : m.original())
        + " vs " + m.reproduced() + ")").toList();
    return String.join(", ", shown) + (bad.size() > shown.size() ? ", ..." : "");
  }

  private static String shortId(String runId) {
    return runId.length() > 8 ? runId.substring(0, 8) : runId;
  }
}
