package io.coinlake.monitor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Forecast errors over some rows: RMSE, MAE and QLIKE (as {@link io.coinlake.train.Metrics}
 * defines them, so they compare with the CV metrics of training). {@code rows} is how many
 * (prediction, realized) pairs they cover; for CV errors it is 0 (unknown here).
 */
public record ErrorMetrics(long rows, double rmse, double mae, double qlike) {
  public static final String RMSE = "rmse";
  public static final String MAE = "mae";
  public static final String QLIKE = "qlike";

  /** The metrics by name, in the order reports show them. */
  public Map<String, Double> byName() {
    Map<String, Double> out = new LinkedHashMap<>();
    out.put(RMSE, rmse);
    out.put(MAE, mae);
    out.put(QLIKE, qlike);
    return out;
  }
}
