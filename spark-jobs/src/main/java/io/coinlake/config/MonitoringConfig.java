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
 *
 * <p>The {@code report} task: the current window is the {@code currentWindowDays} days up to the
 * logical date (unless --from/--to give it); model errors are computed per {@code qualityPeriod}
 * (day or week) once labels have matured, and the model counts as degraded when an error over the
 * window exceeds {@code degradationFactor} times the champion's CV error. Reports go to {@code
 * reportsDir} (a path or Hadoop URI); {@code alerts} says where findings are sent.
 */
public record MonitoringConfig(
    double driftShare,
    int histogramBins,
    DriftTestConfig numerical,
    DriftTestConfig categorical,
    Map<String, DriftTestConfig> columns,
    int currentWindowDays,
    QualityPeriod qualityPeriod,
    double degradationFactor,
    String reportsDir,
    AlertsConfig alerts) {

  public static final int MAX_HISTOGRAM_BINS = 200;
  public static final int DEFAULT_CURRENT_WINDOW_DAYS = 30;
  public static final double DEFAULT_DEGRADATION_FACTOR = 1.5;
  public static final String DEFAULT_REPORTS_DIR = "./evidently-reports";

  /** How model errors are grouped over time in the report. */
  public enum QualityPeriod {
    DAY,
    WEEK
  }

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
    Checks.positive(currentWindowDays, "currentWindowDays");
    qualityPeriod = qualityPeriod == null ? QualityPeriod.DAY : qualityPeriod;
    Checks.positive(degradationFactor, "degradationFactor");
    reportsDir = reportsDir == null || reportsDir.isBlank() ? DEFAULT_REPORTS_DIR : reportsDir.trim();
    alerts = alerts == null ? AlertsConfig.defaults() : alerts;
  }

  /** The drift settings alone; the report settings take their defaults. */
  public MonitoringConfig(double driftShare, int histogramBins, DriftTestConfig numerical, DriftTestConfig categorical,
      Map<String, DriftTestConfig> columns) {
    this(driftShare, histogramBins, numerical, categorical, columns, DEFAULT_CURRENT_WINDOW_DAYS, QualityPeriod.DAY,
        DEFAULT_DEGRADATION_FACTOR, DEFAULT_REPORTS_DIR, AlertsConfig.defaults());
  }

  /** Evidently's defaults: drift share 0.5, tests chosen by kind and size; 20 histogram bins; the report defaults. */
  public static MonitoringConfig defaults() {
    return new MonitoringConfig(0.5, 20, DriftTestConfig.AUTO, DriftTestConfig.AUTO, Map.of());
  }

  public MonitoringConfig withColumn(String name, DriftTestConfig test) {
    Map<String, DriftTestConfig> more = new LinkedHashMap<>(columns);
    more.put(name, test);
    return new MonitoringConfig(driftShare, histogramBins, numerical, categorical, more, currentWindowDays, qualityPeriod,
        degradationFactor, reportsDir, alerts);
  }

  public MonitoringConfig withDriftShare(double share) {
    return new MonitoringConfig(share, histogramBins, numerical, categorical, columns, currentWindowDays, qualityPeriod,
        degradationFactor, reportsDir, alerts);
  }

  /** The block for every column of this kind ({@code numerical} or {@code categorical}). */
  public DriftTestConfig forKind(ColumnKind kind) {
    return kind == ColumnKind.NUMERICAL ? numerical : categorical;
  }

  public DriftTestConfig forColumn(String name) {
    return columns.getOrDefault(name, DriftTestConfig.AUTO);
  }
}
