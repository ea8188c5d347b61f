package io.coinlake.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Writes a {@link DriftReport} as the JSON Evidently's report gives for its DataDrift preset
 * ({@code Report.as_dict()}: {@code {"metrics": [{"metric": ..., "result": ...}]}}), with the same
 * metric names and keys: {@code DatasetDriftMetric} (drift_share, number_of_columns,
 * number_of_drifted_columns, share_of_drifted_columns, dataset_drift) and {@code DataDriftTable}
 * (the same counts plus drift_by_columns: column_name, column_type, stattest_name,
 * stattest_threshold, drift_score, drift_detected, and current/reference small_distribution).
 * Then one {@code ColumnSummaryMetric} per column with Evidently's reference_characteristics and
 * current_characteristics keys (percentages are 0..100 as there).
 *
 * <p>Additions Evidently does not write: each drift_by_columns entry has {@code histogram}, the
 * shared bins with reference and current counts the HTML report charts, and small_distribution is
 * drawn over those shared bins (Evidently bins each side separately). Current characteristics of a
 * categorical column list {@code new_in_current_values}.
 */
public final class DriftJson {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private DriftJson() {}

  public static String write(DriftReport report) {
    try {
      return JSON.writeValueAsString(tree(report));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the drift report as JSON: " + e.getOriginalMessage(), e);
    }
  }

  static ObjectNode tree(DriftReport report) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode metrics = root.putArray("metrics");

    ObjectNode dataset = metric(metrics, "DatasetDriftMetric");
    dataset.put("drift_share", report.driftShare());
    counts(dataset, report);

    ObjectNode table = metric(metrics, "DataDriftTable");
    counts(table, report);
    ObjectNode byColumn = table.putObject("drift_by_columns");
    for (ColumnReport column : report.columns()) {
      driftEntry(byColumn.putObject(column.name()), column);
    }

    for (ColumnReport column : report.columns()) {
      ObjectNode summary = metric(metrics, "ColumnSummaryMetric");
      summary.put("column_name", column.name());
      summary.put("column_type", column.kind().evidentlyName());
      characteristics(summary.putObject("reference_characteristics"), column, column.reference(), false);
      characteristics(summary.putObject("current_characteristics"), column, column.current(), true);
    }
    return root;
  }

  private static ObjectNode metric(ArrayNode metrics, String name) {
    ObjectNode metric = metrics.addObject();
    metric.put("metric", name);
    return metric.putObject("result");
  }

  private static void counts(ObjectNode result, DriftReport report) {
    result.put("number_of_columns", report.numberOfColumns());
    result.put("number_of_drifted_columns", report.numberOfDriftedColumns());
    result.put("share_of_drifted_columns", report.shareOfDriftedColumns());
    result.put("dataset_drift", report.datasetDrift());
  }

  static void driftEntry(ObjectNode entry, ColumnReport column) {
    ColumnDrift drift = column.drift();
    entry.put("column_name", column.name());
    entry.put("column_type", column.kind().evidentlyName());
    entry.put("stattest_name", drift.stattest().displayName());
    entry.put("stattest_threshold", drift.threshold());
    number(entry, "drift_score", drift.score());
    entry.put("drift_detected", drift.detected());
    Histogram histogram = column.histogram();
    smallDistribution(entry.putObject("current"), histogram, histogram.current());
    smallDistribution(entry.putObject("reference"), histogram, histogram.reference());
    ObjectNode bins = entry.putObject("histogram");
    if (histogram.isNumerical()) {
      histogram.edges().forEach(bins.putArray("bin_edges")::add);
    } else {
      histogram.categories().forEach(bins.putArray("categories")::add);
    }
    histogram.reference().forEach(bins.putArray("reference_counts")::add);
    histogram.current().forEach(bins.putArray("current_counts")::add);
  }

  /** Evidently's small_distribution: categories and counts, or bin edges and densities. */
  private static void smallDistribution(ObjectNode side, Histogram histogram, List<Long> counts) {
    ObjectNode distribution = side.putObject("small_distribution");
    ArrayNode x = distribution.putArray("x");
    ArrayNode y = distribution.putArray("y");
    if (!histogram.isNumerical()) {
      histogram.categories().forEach(x::add);
      counts.forEach(y::add);
      return;
    }
    histogram.edges().forEach(x::add);
    long total = counts.stream().mapToLong(Long::longValue).sum();
    for (int i = 0; i < counts.size(); i++) {
      double width = histogram.edges().get(i + 1) - histogram.edges().get(i);
      y.add(total == 0 ? 0.0 : counts.get(i) / (total * width));
    }
  }

  private static void characteristics(ObjectNode out, ColumnReport column, ColumnQuality q, boolean current) {
    out.put("number_of_rows", q.rows());
    out.put("count", q.count());
    out.put("missing", q.missing());
    out.put("missing_percentage", percent(q.missing(), q.rows()));
    out.put("unique", q.unique());
    out.put("unique_percentage", percent(q.unique(), q.rows()));
    if (column.kind() == ColumnKind.NUMERICAL) {
      number(out, "mean", q.mean());
      number(out, "std", q.std());
      number(out, "min", q.min());
      number(out, "p25", q.p25());
      number(out, "p50", q.p50());
      number(out, "p75", q.p75());
      number(out, "max", q.max());
      out.put("infinite_count", q.infinite());
      out.put("infinite_percentage", percent(q.infinite(), q.rows()));
      return;
    }
    out.put("most_common", q.mostCommon());
    out.put("most_common_percentage", percent(q.mostCommonCount(), q.rows()));
    if (current) {
      out.put("new_in_current_values_count", column.newCategories().size());
      out.put("unused_in_current_values_count", column.missingCategories().size());
      column.newCategories().forEach(out.putArray("new_in_current_values")::add);
    }
  }

  private static double percent(long part, long whole) {
    return whole == 0 ? 0.0 : 100.0 * part / whole;
  }

  /** A finite number, or null (JSON has no NaN or infinity). */
  static void number(ObjectNode node, String key, Double value) {
    if (value == null || !Double.isFinite(value)) {
      node.putNull(key);
    } else {
      node.put(key, value);
    }
  }
}
