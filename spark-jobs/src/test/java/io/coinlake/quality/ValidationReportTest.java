package io.coinlake.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report JSON as ValidateOhlcvJob writes it (a plain ObjectMapper). */
class ValidationReportTest {
  private static final AnomalyOutcome ROWS = new AnomalyOutcome("row_count_change", "size", 33.0,
      11.0, "2024-01-02", 5.5, 22.0, AnomalyOutcome.WARNING, "size = 33.0 vs 11.0 ...");
  private static final AnomalyOutcome CLOSE = new AnomalyOutcome("close_completeness_drop",
      "completeness(close)", 1.0, null, null, null, null, AnomalyOutcome.NO_HISTORY, "first point");

  @Test
  void anomaliesAreListedWithTheirValuesBoundsAndStatus() throws Exception {
    ValidationReport report = new ValidationReport("ohlcv", "2024-01-03", "t", 33, 33, 0, Map.of(),
        Map.of(), List.of(), List.of(ROWS, CLOSE));

    JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(report));

    JsonNode rows = json.get("anomalies").get(0);
    assertEquals(List.of("name", "metric", "value", "previous", "previousDate", "lowerBound",
        "upperBound", "status", "message"), names(rows));
    assertEquals(33.0, rows.get("value").asDouble());
    assertEquals(11.0, rows.get("previous").asDouble());
    assertEquals(5.5, rows.get("lowerBound").asDouble());
    assertEquals(22.0, rows.get("upperBound").asDouble());
    assertEquals("warning", rows.get("status").asText());
    JsonNode close = json.get("anomalies").get(1);
    assertEquals("no_history", close.get("status").asText());
    assertEquals(true, close.get("previous").isNull());
    assertEquals(true, close.get("upperBound").isNull());
    assertEquals(List.of(ROWS), report.anomalyWarnings());
  }

  @Test
  void theOldConstructorReportsNoAnomalies() throws Exception {
    ValidationReport report = new ValidationReport("ohlcv", "all", "t", 0, 0, 0, Map.of(), Map.of(), List.of());

    JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(report));

    assertEquals(0, json.get("anomalies").size());
    assertEquals(List.of("source", "window", "generatedAt", "rowsIn", "rowsAccepted", "rowsQuarantined",
        "quarantinedByCheck", "warningsByCheck", "checks", "anomalies"), names(json));
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
