package io.coinlake.config;

import io.coinlake.monitor.ColumnKind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Drift monitoring: the dataset is declared drifted when the share of drifted columns is at
 * least {@code driftShare} (Evidently's default 0.5). Each column's test and threshold come from,
 * in order: {@code columns.<name>}, then {@code numerical} or {@code categorical} by the column's
 * kind, then Evidently's default choice. {@code histogramBins} is the number of equal-width bins
 * of the charted numerical histograms (shared by reference and current).
 */
public record MonitoringConfig(
    double driftShare,
    int histogramBins,
    DriftTestConfig numerical,
    DriftTestConfig categorical,
    Map<String, DriftTestConfig> columns) {

  public static final int MAX_HISTOGRAM_BINS = 200;

  public MonitoringConfig {
    Checks.fraction(driftShare, "driftShare");
    Checks.positive(histogramBins, "histogramBins");
    Checks.atMost(histogramBins, MAX_HISTOGRAM_BINS, "histogramBins");
    numerical = (numerical == null ? DriftTestConfig.AUTO : numerical).requireKind(ColumnKind.NUMERICAL, "numerical");
    categorical = (categorical == null ? DriftTestConfig.AUTO : categorical).requireKind(ColumnKind.CATEGORICAL, "categorical");
    Map<String, DriftTestConfig> copy = new LinkedHashMap<>();
    if (columns != null) {
      columns.forEach((name, test) -> copy.put(name, test == null ? DriftTestConfig.AUTO : test));
    }
    columns = Map.copyOf(copy);
  }

  /** Evidently's defaults: drift share 0.5, tests chosen by kind and size; 20 histogram bins. */
  public static MonitoringConfig defaults() {
    return new MonitoringConfig(0.5, 20, DriftTestConfig.AUTO, DriftTestConfig.AUTO, Map.of());
  }

  public MonitoringConfig withColumn(String name, DriftTestConfig test) {
    Map<String, DriftTestConfig> more = new LinkedHashMap<>(columns);
    more.put(name, test);
    return new MonitoringConfig(driftShare, histogramBins, numerical, categorical, more);
  }

  public MonitoringConfig withDriftShare(double share) {
    return new MonitoringConfig(share, histogramBins, numerical, categorical, columns);
  }

  /** The block for every column of this kind ({@code numerical} or {@code categorical}). */
  public DriftTestConfig forKind(ColumnKind kind) {
    return kind == ColumnKind.NUMERICAL ? numerical : categorical;
  }

  public DriftTestConfig forColumn(String name) {
    return columns.getOrDefault(name, DriftTestConfig.AUTO);
  }
}
