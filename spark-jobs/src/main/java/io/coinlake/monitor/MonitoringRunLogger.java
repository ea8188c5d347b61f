package io.coinlake.monitor;

import io.coinlake.tracking.RunStatus;
import io.coinlake.tracking.TrackingBackend;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records a report in MLflow as a run of the experiment {@code <experiment>-monitoring}: params
 * (date, window, reference, settings), the headline numbers as metrics, the HTML and JSON as
 * artifacts under {@value #ARTIFACT_DIR}/, and tags naming the monitored model and, when the run
 * ends, the alert's status. Any backend works (file store or tracking server).
 */
final class MonitoringRunLogger {
  static final String EXPERIMENT_SUFFIX = "-monitoring";
  static final String ARTIFACT_DIR = "evidently";
  static final String ALERT_STATUS_TAG = "coinlake.alert_status";

  private final TrackingBackend runs;

  MonitoringRunLogger(TrackingBackend runs) {
    this.runs = runs;
  }

  static String experiment(String trainingExperiment) {
    return trainingExperiment + EXPERIMENT_SUFFIX;
  }

  /** Starts the run and logs everything but the alert; returns the run id. The run is marked FAILED if this fails. */
  String start(String trainingExperiment, MonitoringReport report, double degradationFactor, Path files) {
    ReportSubject s = report.subject();
    String experimentId = runs.getOrCreateExperiment(experiment(trainingExperiment));
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("coinlake.task", "monitoring");
    tags.put("coinlake.monitored_task", s.task());
    tags.put("coinlake.model_name", s.modelName());
    tags.put("coinlake.model_version", Integer.toString(s.modelVersion()));
    tags.put("coinlake.model_run_id", s.modelRunId());
    String runId = runs.startRun(experimentId, "report-" + s.task() + "-" + s.reportDate(), null, tags);
    try {
      runs.logParams(runId, params(report, degradationFactor));
      metrics(report).forEach((key, value) -> runs.logMetric(runId, key, value, 0));
      runs.logArtifacts(runId, files, ARTIFACT_DIR);
      return runId;
    } catch (RuntimeException e) {
      throw failed(runId, e);
    }
  }

  /** Tags the alert's status and ends the run. */
  void finish(String runId, String alertStatus) {
    try {
      runs.setTags(runId, Map.of(ALERT_STATUS_TAG, alertStatus.length() > 500 ? alertStatus.substring(0, 500) : alertStatus));
      runs.endRun(runId, RunStatus.FINISHED);
    } catch (RuntimeException e) {
      throw failed(runId, e);
    }
  }

  private RuntimeException failed(String runId, RuntimeException e) {
    try {
      runs.endRun(runId, RunStatus.FAILED);
    } catch (RuntimeException ending) {
      e.addSuppressed(ending);
    }
    return e;
  }

  static Map<String, String> params(MonitoringReport report, double degradationFactor) {
    ReportSubject s = report.subject();
    Map<String, String> p = new LinkedHashMap<>();
    p.put("report_date", s.reportDate().toString());
    p.put("window_start", s.window().start().toString());
    p.put("window_end", s.window().end().toString());
    p.put("reference_table_delta_version", Long.toString(s.referenceTableVersion()));
    p.put("reference_as_of", s.referenceAsOf());
    p.put("drift_share", Double.toString(report.features().driftShare()));
    p.put("degradation_factor", Double.toString(degradationFactor));
    p.put("quality_period", report.quality().period().name().toLowerCase());
    p.put("prediction_reference_source", report.prediction().referenceSource());
    return p;
  }

  /** The headline numbers; a number that is missing (no labels, no predictions) is left out. */
  static Map<String, Double> metrics(MonitoringReport report) {
    Map<String, Double> m = new LinkedHashMap<>();
    DriftReport f = report.features();
    m.put("reference_rows", (double) report.subject().referenceRows());
    m.put("current_rows", (double) report.subject().currentRows());
    m.put("number_of_drifted_columns", (double) f.numberOfDriftedColumns());
    m.put("share_of_drifted_columns", f.shareOfDriftedColumns());
    m.put("dataset_drift", f.datasetDrift() ? 1.0 : 0.0);
    for (ColumnReport c : f.columns()) {
      putFinite(m, "drift_score_" + c.name(), c.drift().score());
    }
    if (report.prediction().measured()) {
      putFinite(m, "prediction_drift_score", report.prediction().column().drift().score());
      m.put("prediction_drift", report.prediction().detected() ? 1.0 : 0.0);
    }
    if (report.target() != null) {
      putFinite(m, "target_drift_score", report.target().drift().score());
    }
    m.put("labeled_rows", (double) report.quality().labeledRows());
    ErrorMetrics current = report.quality().overall();
    if (current != null) {
      current.byName().forEach((name, value) -> putFinite(m, name, value));
      m.put("degraded", report.degraded() ? 1.0 : 0.0);
    }
    report.quality().degradation().cv().byName().forEach((name, value) -> putFinite(m, "cv_" + name, value));
    return m;
  }

  private static void putFinite(Map<String, Double> metrics, String key, double value) {
    if (Double.isFinite(value)) {
      metrics.put(key, value);
    }
  }
}
