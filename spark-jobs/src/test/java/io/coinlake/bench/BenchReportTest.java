package io.coinlake.bench;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's JSON keys and the console table. */
class BenchReportTest {
  private static final long GIB = 1L << 30;

  private static BenchReport report(String status) {
    Machine machine = new Machine(2, 24 * GIB, "0.10 0.20 0.30", "Linux", "17.0.15", "OpenJDK", 4 * GIB, "3.5.7", "local[2]", "8",
        "true", "abc");
    var dataset = new BenchReport.Dataset("c2-d10-s1", "generated", 2, 10, 1L, 20, 2, "/data", 0.5);
    var startup = new BenchReport.Startup(2.0, 4.5, GIB / 4, -1, GIB / 2, 0.1, 6.0);
    var ingest = StageResult.of("ingest", 2.0, 20, 20, new Usage(GIB, GIB / 2, 2 * GIB, 0.3, 3.5), 12, 40, null);
    var total = StageResult.of(BenchReport.TOTAL, 6.5, 20, -1, new Usage(GIB, GIB / 2, 2 * GIB, 0.4, 9.5), 13, 41, "startup + stages");
    return new BenchReport("2026-01-01T00:00:00Z", machine, dataset, startup, "stage", List.of(ingest, total), status,
        BenchReport.OK.equals(status) ? null : "validate", BenchReport.OK.equals(status) ? null : "out of memory");
  }

  @Test
  void jsonHasSnakeCaseKeysAndLeavesOutWhatDidNotHappen() throws Exception {
    JsonNode json = new ObjectMapper().readTree(report(BenchReport.OK).toJson());
    assertEquals("ok", json.get("status").asText());
    assertFalse(json.has("failed_stage"));
    assertEquals(2, json.get("machine").get("nproc").asInt());
    assertEquals("3.5.7", json.get("machine").get("spark_version").asText());
    assertEquals(4.5, json.get("startup").get("first_job_seconds").asDouble());
    assertEquals(20, json.get("dataset").get("rows").asLong());
    JsonNode ingest = json.get("stages").get(0);
    assertEquals("ingest", ingest.get("stage").asText());
    assertEquals(10.0, ingest.get("rows_per_second").asDouble());
    assertEquals(GIB, ingest.get("heap_peak_bytes").asLong());
    assertEquals(GIB / 2, ingest.get("heap_after_gc_peak_bytes").asLong());
    assertEquals(2 * GIB, ingest.get("rss_peak_bytes").asLong());
    assertFalse(ingest.has("note"));
    assertEquals(12, ingest.get("spark_jobs").asLong());
    assertEquals(40, ingest.get("spark_tasks").asLong());
    assertEquals("total", json.get("stages").get(1).get("stage").asText());
  }

  @Test
  void tableHasOneLinePerStageAfterTheStartupLine() {
    List<String> lines = report(BenchReport.OK).table().lines().toList();
    assertEquals(4, lines.size());
    assertEquals(List.of("stage", "wall", "s", "rows", "rows/s", "heap", "peak", "after", "GC", "RSS", "peak", "GC", "s", "CPU", "s", "jobs"),
        List.of(lines.get(0).trim().split("\\s+")));
    assertEquals(List.of("startup", "4.5", "-", "-", "0.25", "GiB", "-", "0.50", "GiB", "0.1", "6.0", "1", "JVM", "start", "->", "first",
        "Spark", "job", "(session", "ready", "at", "2.0", "s)"), List.of(lines.get(1).trim().split("\\s+")));
    assertEquals(List.of("ingest", "2.0", "20", "10", "1.00", "GiB", "0.50", "GiB", "2.00", "GiB", "0.3", "3.5", "12"),
        List.of(lines.get(2).trim().split("\\s+")));
    assertTrue(lines.get(3).startsWith("total") && lines.get(3).endsWith("startup + stages"), lines.get(3));
  }

  @Test
  void aFailedRunSaysWhereInTheTableAndTheJson() throws Exception {
    BenchReport failed = report(BenchReport.FAILED);
    assertTrue(failed.table().contains("FAILED at validate: out of memory"));
    JsonNode json = new ObjectMapper().readTree(failed.toJson());
    assertEquals("validate", json.get("failed_stage").asText());
    assertEquals("out of memory", json.get("error").asText());
  }
}
