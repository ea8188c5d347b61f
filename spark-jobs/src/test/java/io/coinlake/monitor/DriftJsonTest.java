package io.coinlake.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftJsonTest {
  private static DriftReport report() {
    ColumnReport rv = new ColumnReport("rv_7", ColumnKind.NUMERICAL,
        ColumnDrift.judge(StatTest.WASSERSTEIN, 0.1, 0.42, 0.021),
        new ColumnQuality(10, 1, 1, 9, 8, 0.01, 0.09, 0.05, 0.02, 0.03, 0.05, 0.07, null, 0),
        new ColumnQuality(4, 0, 0, 4, 4, 0.02, 0.11, 0.06, null, 0.02, 0.05, 0.08, null, 0),
        Histogram.numerical(new double[] {0.0, 0.5, 1.0}, new long[] {6, 2}, new long[] {1, 3}), List.of(), List.of());
    ColumnReport symbol = new ColumnReport("symbol", ColumnKind.CATEGORICAL,
        ColumnDrift.judge(StatTest.CHISQUARE, 0.05, 0.2, 3.1),
        new ColumnQuality(8, 0, 0, 8, 2, null, null, null, null, null, null, null, "BTC", 5),
        new ColumnQuality(5, 1, 0, 4, 3, null, null, null, null, null, null, null, "ETH", 2),
        Histogram.categorical(List.of("BTC", "DOGE", "ETH"), new long[] {5, 0, 3}, new long[] {1, 1, 2}), List.of("DOGE"), List.of());
    return new DriftReport(0.5, List.of(rv, symbol));
  }

  @Test
  void datasetVerdictAndPerColumnDriftInEvidentlysShape() throws Exception {
    JsonNode root = new ObjectMapper().readTree(DriftJson.write(report()));
    JsonNode metrics = root.get("metrics");
    assertEquals(4, metrics.size(), "DatasetDriftMetric, DataDriftTable, one ColumnSummaryMetric per column");

    assertEquals("DatasetDriftMetric", metrics.get(0).get("metric").asText());
    JsonNode dataset = metrics.get(0).get("result");
    assertEquals(List.of("drift_share", "number_of_columns", "number_of_drifted_columns", "share_of_drifted_columns", "dataset_drift"),
        names(dataset));
    assertEquals(0.5, dataset.get("drift_share").asDouble());
    assertEquals(2, dataset.get("number_of_columns").asInt());
    assertEquals(1, dataset.get("number_of_drifted_columns").asInt());
    assertEquals(0.5, dataset.get("share_of_drifted_columns").asDouble());
    assertTrue(dataset.get("dataset_drift").asBoolean(), "1 of 2 drifted reaches the share 0.5");

    assertEquals("DataDriftTable", metrics.get(1).get("metric").asText());
    JsonNode rv = metrics.get(1).get("result").get("drift_by_columns").get("rv_7");
    assertEquals("rv_7", rv.get("column_name").asText());
    assertEquals("num", rv.get("column_type").asText());
    assertEquals("Wasserstein distance (normed)", rv.get("stattest_name").asText());
    assertEquals(0.1, rv.get("stattest_threshold").asDouble());
    assertEquals(0.42, rv.get("drift_score").asDouble());
    assertTrue(rv.get("drift_detected").asBoolean());
    assertEquals("[0.0,0.5,1.0]", rv.get("histogram").get("bin_edges").toString());
    assertEquals("[6,2]", rv.get("histogram").get("reference_counts").toString());
    assertEquals("[1,3]", rv.get("histogram").get("current_counts").toString());
    // densities over the shared bins: 6 / (8 * 0.5), 2 / (8 * 0.5)
    assertEquals("[1.5,0.5]", rv.get("reference").get("small_distribution").get("y").toString());
    assertEquals("[0.0,0.5,1.0]", rv.get("current").get("small_distribution").get("x").toString());

    JsonNode symbol = metrics.get(1).get("result").get("drift_by_columns").get("symbol");
    assertEquals("cat", symbol.get("column_type").asText());
    assertEquals("chi-square p_value", symbol.get("stattest_name").asText());
    assertFalse(symbol.get("drift_detected").asBoolean());
    assertEquals("[\"BTC\",\"DOGE\",\"ETH\"]", symbol.get("current").get("small_distribution").get("x").toString());
    assertEquals("[1,1,2]", symbol.get("current").get("small_distribution").get("y").toString());
  }

  @Test
  void columnSummariesCarryTheQualityNumbers() throws Exception {
    JsonNode metrics = new ObjectMapper().readTree(DriftJson.write(report())).get("metrics");
    JsonNode rv = metrics.get(2).get("result");
    assertEquals("ColumnSummaryMetric", metrics.get(2).get("metric").asText());
    assertEquals("rv_7", rv.get("column_name").asText());
    JsonNode reference = rv.get("reference_characteristics");
    assertEquals(10, reference.get("number_of_rows").asInt());
    assertEquals(1, reference.get("missing").asInt());
    assertEquals(10.0, reference.get("missing_percentage").asDouble());
    assertEquals(0.03, reference.get("p25").asDouble());
    assertEquals(0.09, reference.get("max").asDouble());
    assertEquals(1, reference.get("infinite_count").asInt());
    assertTrue(rv.get("current_characteristics").get("std").isNull(), "no value: null, never NaN");

    JsonNode current = metrics.get(3).get("result").get("current_characteristics");
    assertEquals("ETH", current.get("most_common").asText());
    assertEquals(40.0, current.get("most_common_percentage").asDouble());
    assertEquals(20.0, current.get("missing_percentage").asDouble());
    assertEquals(1, current.get("new_in_current_values_count").asInt());
    assertEquals("[\"DOGE\"]", current.get("new_in_current_values").toString());
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
