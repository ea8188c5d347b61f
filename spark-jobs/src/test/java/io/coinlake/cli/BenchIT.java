package io.coinlake.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code coinlake bench} on a tiny generated market (3 coins x 400 days): the JSON has every stage
 * with its measurements and row counts equal to the generated rows; a failing stage is recorded.
 * Times are never asserted.
 */
class BenchIT {
  private static final String[] SMALL_TRAINING = {"--set", "tasks.volatility.cv.folds=2", "--set", "tasks.volatility.gbt.maxIter=[5]",
      "--set", "tasks.volatility.gbt.maxDepth=[2]"};

  @TempDir
  static Path dir;
  static int exit;
  static String output;
  static JsonNode json;

  @BeforeAll
  static void bench() throws IOException {
    System.setProperty("spark.master", "local[2]");
    List<String> args = new ArrayList<>(List.of("bench", "--coins", "3", "--days", "400", "--seed", "5",
        "--out", dir.resolve("out").toString(), "--json", dir.resolve("report/bench.json").toString()));
    args.addAll(List.of(SMALL_TRAINING));
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true));
    try {
      exit = CoinlakeMain.execute(args.toArray(String[]::new));
    } finally {
      System.setOut(original);
    }
    output = captured.toString();
    original.println(output);
    json = new ObjectMapper().readTree(dir.resolve("report/bench.json").toFile());
  }

  @Test
  void everyStageIsMeasuredInOrderWithTheTotalLast() {
    assertEquals(0, exit, output);
    assertEquals("ok", json.get("status").asText());
    List<String> stages = new ArrayList<>();
    json.get("stages").forEach(s -> stages.add(s.get("stage").asText()));
    assertEquals(List.of("ingest", "validate", "features", "kernel", "train", "score", "total"), stages);
    double sum = 0;
    for (JsonNode s : json.get("stages")) {
      String at = s.get("stage").asText();
      assertTrue(s.get("seconds").asDouble() > 0, at);
      assertEquals(s.get("rows").asDouble() / s.get("seconds").asDouble(), s.get("rows_per_second").asDouble(), 1e-6, at);
      assertTrue(s.get("heap_peak_bytes").asLong() > 1_000_000, at);
      assertTrue(s.get("rss_peak_bytes").asLong() > 1_000_000, at);
      assertTrue(s.get("cpu_seconds").asDouble() > 0, at);
      assertTrue(s.get("spark_jobs").asLong() > 0 && s.get("spark_tasks").asLong() >= s.get("spark_jobs").asLong(), at);
      if (!at.equals("total") && !at.equals("kernel")) { // the kernel line is an extra measurement
        sum += s.get("seconds").asDouble();
      }
    }
    JsonNode startup = json.get("startup");
    assertTrue(startup.get("first_job_seconds").asDouble() >= startup.get("session_ready_seconds").asDouble());
    assertTrue(startup.get("session_ready_seconds").asDouble() > 0);
    assertEquals(sum + startup.get("first_job_seconds").asDouble(), stage("total").get("seconds").asDouble(), 1e-6);
  }

  @Test
  void rowCountsMatchTheGeneratedRows() throws IOException {
    Path data = dir.resolve("out/data/c3-d400-s5");
    long csvRows = 0;
    try (Stream<Path> files = Files.list(data)) {
      for (Path f : files.filter(p -> p.toString().endsWith("-USD_1d.csv")).toList()) {
        csvRows += Files.readAllLines(f).size() - 1;
      }
    }
    assertEquals(1200, csvRows);
    JsonNode dataset = json.get("dataset");
    assertEquals("generated", dataset.get("source").asText());
    assertEquals(1200, dataset.get("rows").asLong());
    assertEquals(3, dataset.get("files").asInt());
    assertEquals(data.toString(), dataset.get("dir").asText());
    assertEquals(1200, stage("ingest").get("rows").asLong());
    assertEquals(1200, stage("ingest").get("rows_out").asLong());
    assertEquals(1200, stage("validate").get("rows").asLong());
    assertEquals(1200, stage("validate").get("rows_out").asLong());
    assertEquals(1200, stage("features").get("rows_out").asLong());
    assertEquals(1200, stage("kernel").get("rows").asLong(), "the kernel line reads every silver row");
    long trained = stage("train").get("rows").asLong();
    assertTrue(trained > 1000 && trained < 1200, "training rows (warm-up and label horizon dropped): " + trained);
    assertEquals(3, stage("score").get("rows_out").asLong());
    assertEquals(1200, stage("total").get("rows").asLong());
  }

  @Test
  void machineAndTableAreReported() {
    JsonNode machine = json.get("machine");
    assertEquals(Runtime.getRuntime().availableProcessors(), machine.get("nproc").asInt());
    assertEquals(org.apache.spark.package$.MODULE$.SPARK_VERSION(), machine.get("spark_version").asText());
    assertEquals("local[2]", machine.get("spark_master").asText());
    assertTrue(machine.get("java_version").asText().startsWith("17"));
    assertTrue(output.lines().anyMatch(l -> l.matches("stage\\s+wall s\\s+rows\\s+rows/s\\s+heap peak.*")), output);
    assertTrue(output.lines().anyMatch(l -> l.startsWith("total")), output);
    assertTrue(Files.isRegularFile(dir.resolve("out/runs/c3-d400-s5/" + io.coinlake.bench.Bench.PIPELINE_LOG)));
  }

  @Test
  void aFailedStageIsRecordedAndExitsOne() throws IOException {
    PrintStream originalErr = System.err;
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    System.setErr(new PrintStream(errors, true));
    int failedExit;
    try {
      failedExit = CoinlakeMain.execute("bench", "--sample", "--out", dir.resolve("out-failed").toString(),
          "--set", "ingest.ohlcv.sources=[{path: " + dir.resolve("nowhere") + ", glob: '*.csv', layout: kaggle}]");
    } finally {
      System.setErr(originalErr);
    }
    assertEquals(1, failedExit);
    assertTrue(errors.toString().contains("ingest failed"), errors.toString());
    JsonNode failed = new ObjectMapper().readTree(dir.resolve("out-failed/runs/sample/bench.json").toFile());
    assertEquals("failed", failed.get("status").asText());
    assertEquals("ingest", failed.get("failed_stage").asText());
    assertTrue(failed.get("error").asText().contains(dir.resolve("nowhere").toString()), failed.get("error").asText());
    assertEquals(1, failed.get("stages").size());
    JsonNode ingest = failed.get("stages").get(0);
    assertEquals("ingest", ingest.get("stage").asText());
    assertEquals("FAILED", ingest.get("note").asText());
    assertEquals(-1, ingest.get("rows").asLong());
    assertTrue(ingest.get("seconds").asDouble() > 0);
  }

  private static JsonNode stage(String name) {
    for (JsonNode s : json.get("stages")) {
      if (s.get("stage").asText().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no stage " + name + " in " + json);
  }
}
