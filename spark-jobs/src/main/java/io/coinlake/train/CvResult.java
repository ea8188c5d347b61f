package io.coinlake.train;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The outcome of walk-forward CV: out-of-fold predictions of every candidate (symbol, ts, fold,
 * model, y_true, y_pred), metrics per fold, and their means per candidate.
 */
public record CvResult(Dataset<Row> outOfFold, Map<String, List<FoldMetrics>> perFold, Map<String, FoldMetrics> means) {

  /** The candidate with the best mean of {@code metric} (ties: the first in name order). */
  public String best(String metric) {
    Comparator<FoldMetrics> byMetric = Comparator.comparingDouble(m -> m.get(metric));
    if (Metrics.higherIsBetter(metric)) {
      byMetric = byMetric.reversed();
    }
    return means.values().stream().sorted(byMetric.thenComparing(FoldMetrics::model)).findFirst().orElseThrow().model();
  }
}
