package io.coinlake.config;

import java.util.Set;

/**
 * The forward-volatility task: label horizon h (periods), CV, the GBT grid, the model selection
 * metric and the QLIKE floor applied to predictions and labels before the ratio is taken.
 */
public record VolatilityTaskConfig(
    int horizon, CvConfig cv, GbtGrid gbt, String selectionMetric, double qlikeFloor, String registeredModel) {

  public static final Set<String> METRICS = Set.of("qlike", "rmse", "mae", "r2");

  public VolatilityTaskConfig {
    Checks.positive(horizon, "horizon");
    Checks.present(cv, "cv");
    Checks.present(gbt, "gbt");
    if (cv.purgeDays() < horizon) {
      throw new IllegalArgumentException("'cv.purgeDays' (" + cv.purgeDays() + ") must be at least 'horizon' (" + horizon + ") so no label overlaps validation");
    }
    if (selectionMetric == null || !METRICS.contains(selectionMetric)) {
      throw new IllegalArgumentException("'selectionMetric' must be one of " + METRICS + ", got '" + selectionMetric + "'");
    }
    Checks.positive(qlikeFloor, "qlikeFloor");
    Checks.notBlank(registeredModel, "registeredModel");
  }
}
