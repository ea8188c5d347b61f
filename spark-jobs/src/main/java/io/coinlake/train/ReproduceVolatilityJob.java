package io.coinlake.train;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.lake.Lake;
import io.coinlake.tracking.MetricPoint;
import io.coinlake.tracking.Tracking;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * {@code train --reproduce <run>}: retrains with the run's recorded {@link TrainingSpec} (not today's
 * config) on gold.features_volatility at exactly the run's Delta version, logs a new run tagged
 * {@code coinlake.reproduces=<run>} (no registered version, no alias moves, no gold.backtest write)
 * and compares every summary metric with the original's.
 */
public final class ReproduceVolatilityJob {
  private ReproduceVolatilityJob() {}

  public static Reproduction run(SparkSession spark, CoinlakeConfig config, Tracking tracking, RecordedRun recorded) {
    Lake lake = new Lake(config.lake().root());
    try (VolatilityTraining training = VolatilityTraining.fit(spark, lake, recorded.spec())) {
      Map<String, Double> reproduced = TrainRunLogger.summaryMetrics(training.cv(), training.candidates(), training.winner(), training.rows());
      Map<String, Double> original = new LinkedHashMap<>();
      for (String metric : reproduced.keySet()) {
        List<MetricPoint> history = tracking.runs().metricHistory(recorded.runId(), metric);
        if (!history.isEmpty()) {
          original.put(metric, history.get(history.size() - 1).value());
        }
      }
      List<MetricComparison> comparisons = MetricComparison.compare(original, reproduced);
      String originalModel = tracking.runs().params(recorded.runId()).getOrDefault("selected_model", "?");
      List<String> mismatches = new java.util.ArrayList<>(comparisons.stream().filter(c -> !c.matches()).map(MetricComparison::metric).toList());
      if (!originalModel.equals(training.winner().name())) {
        mismatches.add("selected_model");
      }
      String runId = new TrainRunLogger(spark, tracking, config, lake).logReproduction(training, recorded.runId(), mismatches);
      return new Reproduction(recorded.runId(), runId, originalModel, training.winner().name(), comparisons);
    }
  }
}
