package io.coinlake.train;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The outcome of walk-forward CV: out-of-fold predictions of every candidate (symbol, ts, fold,
 * model, y_true, y_pred), metrics per fold, and their means per candidate. {@code cached} are the
 * cached datasets {@code outOfFold} reads (one per fold); {@link #release()} unpersists them.
 */
public record CvResult(Dataset<Row> outOfFold, Map<String, List<FoldMetrics>> perFold, Map<String, FoldMetrics> means,
    List<Dataset<Row>> cached) {

  public CvResult {
    cached = List.copyOf(cached);
  }

  /** Metrics without Spark data behind them (nothing to release). */
  public CvResult(Dataset<Row> outOfFold, Map<String, List<FoldMetrics>> perFold, Map<String, FoldMetrics> means) {
    this(outOfFold, perFold, means, List.of());
  }

  /** The candidate with the best mean of {@code metric} (ties: the first in name order). */
  public String best(String metric) {
    Comparator<FoldMetrics> byMetric = Comparator.comparingDouble(m -> m.get(metric));
    if (Metrics.higherIsBetter(metric)) {
      byMetric = byMetric.reversed();
    }
    return means.values().stream().sorted(byMetric.thenComparing(FoldMetrics::model)).findFirst().orElseThrow().model();
  }

  /** Unpersists the cached out-of-fold predictions. */
  public void release() {
    cached.forEach(Dataset::unpersist);
  }
}
