package io.coinlake.monitor;

/**
 * One drift and model-quality report: the feature drift of the current window against the
 * champion's training rows, the prediction drift, the target drift (null until a label in the
 * window has matured), and the model quality of matured predictions. An alert is due when the
 * dataset drifted or the model degraded.
 */
public record MonitoringReport(
    ReportSubject subject,
    DriftReport features,
    PredictionDrift prediction,
    ColumnReport target,
    ModelQuality.Result quality) {

  public boolean datasetDrift() {
    return features.datasetDrift();
  }

  public boolean degraded() {
    return quality.degradation().degraded();
  }

  public boolean alertDue() {
    return datasetDrift() || degraded();
  }
}
