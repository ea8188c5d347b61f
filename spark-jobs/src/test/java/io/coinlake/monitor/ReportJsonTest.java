package io.coinlake.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportJsonTest {
  private static JsonNode json(MonitoringReport report) throws Exception {
    return new ObjectMapper().readTree(ReportJson.write(report));
  }

  private static List<String> metricNames(JsonNode root) {
    List<String> names = new ArrayList<>();
    root.get("metrics").forEach(m -> names.add(m.get("metric").asText()));
    return names;
  }

  @Test
  void theDataDriftPresetThenPredictionAndTargetDriftThenModelQuality() throws Exception {
    JsonNode root = json(ReportSamples.report(9, 1.5, true));
    List<String> expected = new ArrayList<>(List.of("DatasetDriftMetric", "DataDriftTable"));
    expected.addAll(Collections.nCopies(13, "ColumnSummaryMetric"));
    expected.addAll(List.of("ColumnDriftMetric", "ColumnDriftMetric", "RegressionQualityMetric"));
    assertEquals(expected, metricNames(root));
    assertEquals("coinlake", root.fieldNames().next(), "the summary comes first");

    JsonNode dataset = root.get("metrics").get(0).get("result");
    assertEquals(13, dataset.get("number_of_columns").asInt());
    assertEquals(9, dataset.get("number_of_drifted_columns").asInt());
    assertTrue(dataset.get("dataset_drift").asBoolean());
    assertEquals(13, root.get("metrics").get(1).get("result").get("drift_by_columns").size(), "features only: no label or prediction");

    JsonNode prediction = root.get("metrics").get(15).get("result");
    assertEquals("prediction", prediction.get("column_name").asText());
    assertEquals("Wasserstein distance (normed)", prediction.get("stattest_name").asText());
    assertEquals(0.1, prediction.get("stattest_threshold").asDouble());
    assertTrue(prediction.get("drift_detected").asBoolean());
    assertEquals("gold.backtest", prediction.get("reference_source").asText());
    assertEquals(35088, prediction.get("reference_rows").asLong());
    assertEquals(690, prediction.get("current_rows").asLong());
    assertEquals(20, prediction.get("histogram").get("reference_counts").size());

    assertEquals("label", root.get("metrics").get(16).get("result").get("column_name").asText());
  }

  @Test
  void modelQualityHasTheWindowsErrorsTheCvReferenceAndThePeriods() throws Exception {
    MonitoringReport report = ReportSamples.report(9, 1.5, true);
    JsonNode quality = json(report).get("metrics").get(17).get("result");
    ErrorMetrics overall = report.quality().overall();
    assertEquals(529, quality.get("current").get("rows").asLong(), "23 days x 23 symbols matured");
    assertEquals(overall.rmse(), quality.get("current").get("rmse").asDouble(), 1e-15);
    assertEquals(overall.mae(), quality.get("current").get("mean_abs_error").asDouble(), 1e-15);
    assertEquals(overall.qlike(), quality.get("current").get("qlike").asDouble(), 1e-15);
    assertEquals(0.05, quality.get("reference").get("rmse").asDouble());
    assertEquals(0.03, quality.get("reference").get("mean_abs_error").asDouble());
    assertEquals(0.4, quality.get("reference").get("qlike").asDouble());
    assertEquals(1.5, quality.get("degradation_factor").asDouble());
    assertTrue(quality.get("judged").asBoolean());
    assertTrue(quality.get("degraded").asBoolean());
    assertEquals("[\"qlike\"]", quality.get("degraded_metrics").toString());
    assertEquals("day", quality.get("period").asText());
    assertEquals(23, quality.get("by_period").size());
    assertEquals("2021-06-01", quality.get("by_period").get(0).get("start").asText());
    assertEquals(30, quality.get("daily_predictions").size());
    JsonNode lastDay = quality.get("daily_predictions").get(29);
    assertEquals("2021-06-30", lastDay.get("day").asText());
    assertEquals(0, lastDay.get("labeled").asInt());
    assertTrue(lastDay.get("mean_realized").isNull(), "no realized value before the label matures");
  }

  @Test
  void theSummaryNamesTheWindowTheChampionTheReferenceAndTheVerdict() throws Exception {
    JsonNode s = json(ReportSamples.report(9, 1.5, true)).get("coinlake");
    assertEquals("2021-06-30", s.get("report_date").asText());
    assertEquals("volatility", s.get("task").asText());
    assertEquals("2021-06-01", s.get("current_window").get("start").asText());
    assertEquals(30, s.get("current_window").get("days").asInt());
    assertEquals(690, s.get("current_window").get("rows").asLong());
    assertFalse(s.get("current_window").get("overlaps_reference").asBoolean(), "June against a champion trained as of May 31");
    assertEquals("coinlake-volatility", s.get("model").get("name").asText());
    assertEquals(3, s.get("model").get("version").asInt());
    assertEquals("har_linear", s.get("model").get("selected_model").asText());
    assertEquals(12, s.get("reference").get("table_delta_version").asLong());
    assertEquals("2021-05-31", s.get("reference").get("as_of").asText());
    assertEquals(35088, s.get("reference").get("rows").asLong());
    JsonNode v = s.get("verdict");
    assertTrue(v.get("dataset_drift").asBoolean());
    assertEquals(9, v.get("number_of_drifted_columns").asInt());
    assertEquals("rv_7", v.get("drifted_columns").get(0).asText());
    assertTrue(v.get("prediction_drift").asBoolean());
    assertTrue(v.get("target_drift").asBoolean());
    assertEquals(529, v.get("labeled_rows").asLong());
    assertTrue(v.get("degraded").asBoolean());
    assertTrue(v.get("alert_due").asBoolean());
  }

  @Test
  void withoutMaturedLabelsThereIsNoTargetAndNoCurrentError() throws Exception {
    JsonNode root = json(ReportSamples.report(2, 1.5, false));
    List<String> names = metricNames(root);
    assertEquals(List.of("ColumnDriftMetric", "RegressionQualityMetric"), names.subList(15, names.size()), "prediction drift only");
    JsonNode quality = root.get("metrics").get(16).get("result");
    assertTrue(quality.get("current").isNull());
    assertFalse(quality.get("judged").asBoolean());
    assertFalse(quality.get("degraded").asBoolean());
    assertEquals(0, quality.get("by_period").size());
    JsonNode v = root.get("coinlake").get("verdict");
    assertFalse(v.get("dataset_drift").asBoolean(), "2 of 13 is below the share 0.5");
    assertFalse(v.get("degraded").asBoolean());
    assertFalse(v.get("alert_due").asBoolean());
  }
}
