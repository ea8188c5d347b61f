package io.coinlake.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;

/**
 * The machine-readable report next to the HTML page: Evidently's DataDrift preset as {@link
 * DriftJson} writes it ({@code metrics}: DatasetDriftMetric, DataDriftTable, one
 * ColumnSummaryMetric per feature), then a {@code ColumnDriftMetric} for the predictions (with
 * {@code reference_source}) and, once labels matured, one for the target ({@code label}), then a
 * {@code RegressionQualityMetric}: current errors (Evidently's {@code rmse} and {@code
 * mean_abs_error}, plus {@code qlike}) against the champion's CV errors as reference, the
 * degradation verdict, errors per period and predictions against realized values per day. A
 * {@code coinlake} object first holds what the report is about and its verdict (the index page
 * reads it).
 */
public final class ReportJson {
  /** The top-level key of the summary block. */
  public static final String SUMMARY = "coinlake";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportJson() {}

  public static String write(MonitoringReport report) {
    try {
      return JSON.writeValueAsString(tree(report));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the monitoring report as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Reads a report's JSON text (for the index); throws the parser's exception on malformed text. */
  public static JsonNode read(String text) throws JsonProcessingException {
    return JSON.readTree(text);
  }

  static ObjectNode tree(MonitoringReport report) {
    ObjectNode root = JSON.createObjectNode();
    summary(root.putObject(SUMMARY), report);
    ArrayNode metrics = root.putArray("metrics");
    DriftJson.tree(report.features()).withArray("metrics").forEach(metrics::add);

    PredictionDrift prediction = report.prediction();
    if (prediction.measured()) {
      ObjectNode result = metric(metrics, "ColumnDriftMetric");
      DriftJson.driftEntry(result, prediction.column());
      result.put("reference_source", prediction.referenceSource());
      result.put("reference_rows", prediction.referenceRows());
      result.put("current_rows", prediction.currentRows());
    }
    if (report.target() != null) {
      DriftJson.driftEntry(metric(metrics, "ColumnDriftMetric"), report.target());
    }
    quality(metric(metrics, "RegressionQualityMetric"), report.quality());
    return root;
  }

  private static ObjectNode metric(ArrayNode metrics, String name) {
    ObjectNode metric = metrics.addObject();
    metric.put("metric", name);
    return metric.putObject("result");
  }

  private static void summary(ObjectNode out, MonitoringReport report) {
    ReportSubject s = report.subject();
    out.put("report_date", s.reportDate().toString());
    out.put("task", s.task());
    ObjectNode window = out.putObject("current_window");
    window.put("start", s.window().start().toString());
    window.put("end", s.window().end().toString());
    window.put("days", s.window().days());
    window.put("rows", s.currentRows());
    window.put("overlaps_reference", s.overlapsTraining());
    ObjectNode model = out.putObject("model");
    model.put("name", s.modelName());
    model.put("version", s.modelVersion());
    model.put("run_id", s.modelRunId());
    model.put("selected_model", s.selectedModel());
    model.put("horizon", s.horizon());
    ObjectNode reference = out.putObject("reference");
    reference.put("description", "the champion's training rows");
    reference.put("table_delta_version", s.referenceTableVersion());
    reference.put("as_of", s.referenceAsOf());
    reference.put("rows", s.referenceRows());

    DriftReport features = report.features();
    ObjectNode verdict = out.putObject("verdict");
    verdict.put("dataset_drift", features.datasetDrift());
    verdict.put("number_of_columns", features.numberOfColumns());
    verdict.put("number_of_drifted_columns", features.numberOfDriftedColumns());
    verdict.put("share_of_drifted_columns", features.shareOfDriftedColumns());
    verdict.put("drift_share", features.driftShare());
    features.driftedColumns().forEach(verdict.putArray("drifted_columns")::add);
    verdict.put("prediction_drift", report.prediction().detected());
    verdict.put("target_drift", report.target() != null && report.target().drift().detected());
    verdict.put("labeled_rows", report.quality().labeledRows());
    verdict.put("degraded", report.degraded());
    verdict.put("alert_due", report.alertDue());
  }

  private static void quality(ObjectNode out, ModelQuality.Result q) {
    Degradation d = q.degradation();
    if (q.overall() == null) {
      out.putNull("current");
    } else {
      errors(out.putObject("current"), q.overall());
    }
    ObjectNode reference = out.putObject("reference");
    reference.put("source", "the champion's walk-forward CV means (cv_rmse, cv_mae, cv_qlike)");
    errors(reference, d.cv());
    out.put("degradation_factor", d.factor());
    out.put("judged", d.judged());
    out.put("degraded", d.degraded());
    d.degradedMetrics().forEach(out.putArray("degraded_metrics")::add);
    out.put("period", q.period().name().toLowerCase());
    ArrayNode periods = out.putArray("by_period");
    for (ModelQuality.PeriodErrors p : q.periods()) {
      ObjectNode node = periods.addObject();
      node.put("start", p.start().toString());
      errors(node, p.errors());
      p.degradedMetrics().forEach(node.putArray("degraded_metrics")::add);
    }
    ArrayNode daily = out.putArray("daily_predictions");
    for (ModelQuality.DailyPredictions day : q.daily()) {
      ObjectNode node = daily.addObject();
      node.put("day", day.day().toString());
      node.put("predictions", day.predictions());
      DriftJson.number(node, "mean_prediction", day.meanPrediction());
      node.put("labeled", day.labeled());
      DriftJson.number(node, "mean_realized", day.meanRealized());
    }
  }

  private static void errors(ObjectNode out, ErrorMetrics e) {
    if (e.rows() > 0) {
      out.put("rows", e.rows());
    }
    DriftJson.number(out, "rmse", e.rmse());
    DriftJson.number(out, "mean_abs_error", e.mae());
    DriftJson.number(out, "qlike", e.qlike());
  }

  /** The report date recorded in a report's JSON, or null when it has none. */
  static LocalDate reportDate(JsonNode root) {
    JsonNode date = root.path(SUMMARY).path("report_date");
    return date.isTextual() ? LocalDate.parse(date.asText()) : null;
  }
}
