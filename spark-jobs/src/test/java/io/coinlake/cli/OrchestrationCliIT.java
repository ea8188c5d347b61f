package io.coinlake.cli;

import static io.coinlake.lake.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.lake.Lake;
import io.coinlake.lake.LakeTable;
import io.coinlake.orchestrate.RunLock;
import io.coinlake.testing.SparkTestSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner as users drive it, on one lake and a 2-coin slice of the sample: a 2-date backfill,
 * {@code schedule --once} with a per-minute cron, and a run killed with SIGKILL in the middle of
 * the features task (a separate JVM), then resumed.
 */
class OrchestrationCliIT {
  private static final List<String> COINS = List.of("coin_Solana.csv", "coin_Uniswap.csv");
  private static final LocalDate FIRST = LocalDate.parse("2021-07-01");
  private static final LocalDate SECOND = LocalDate.parse("2021-07-02");
  private static final LocalDate KILLED_DATE = LocalDate.parse("2021-07-03");

  @TempDir
  static Path dir;
  static Path config;
  static Path pipeline;
  static int backfillExit;
  static String backfillOutput;
  static int scheduleExit;
  static String scheduleOutput;
  static int killedExit;
  static String killedRunId;
  static int resumeExit;
  static String resumeOutput;
  static String statusOutput;

  @BeforeAll
  static void driveTheRunner() throws Exception {
    System.setProperty("spark.master", "local[2]");
    Path input = Files.createDirectories(dir.resolve("input"));
    for (String coin : COINS) {
      Files.copy(Path.of("../data/sample/daily_multicoin_kaggle23", coin), input.resolve(coin));
    }
    config = dir.resolve("it.yaml");
    Files.writeString(config, String.join("\n",
        "lake: {root: " + dir.resolve("lake") + "}",
        "landing: {root: " + dir.resolve("landing") + "}",
        "spark: {shufflePartitions: 2}",
        "mlflow: {trackingUri: " + dir.resolve("mlruns") + ", experiment: it}",
        "ingest: {ohlcv: {interval: 1d, sources: [{path: " + input + ", glob: 'coin_*.csv', layout: kaggle}]},",
        "  snapshots: {sources: []}, ticks: {sources: []}}",
        "quality: {contractsDir: ../conf/contracts}",
        "tasks: {volatility: {cv: {folds: 3}, gbt: {maxIter: [10], maxDepth: [3]}}}", ""));
    // the shipped DAG without its last task, report: this test is about the runner, and the report's drift
    // statistics would only add time to each of its four runs (RunPipelineIT runs the whole DAG)
    String shipped = Files.readString(Path.of("../conf/pipeline.yaml"));
    assertEquals(shipped.lastIndexOf("  - id: "), shipped.indexOf("  - id: report"), "report is the shipped DAG's last task");
    pipeline = dir.resolve("pipeline-without-report.yaml");
    Files.writeString(pipeline, shipped.substring(0, shipped.indexOf("  - id: report")));
    Path everyMinute = dir.resolve("pipeline.yaml");
    Files.writeString(everyMinute, Files.readString(pipeline).replace("schedule: \"30 1 * * *\"", "schedule: \"* * * * *\""));
    assertTrue(Files.readString(everyMinute).contains("schedule: \"* * * * *\""), "the test pipeline fires every minute");

    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true));
    try {
      backfillExit = CoinlakeMain.execute("run", "--config", config.toString(), "--pipeline", pipeline.toString(),
          "--from", FIRST.toString(), "--to", SECOND.toString());
      backfillOutput = captured.toString();
      captured.reset();
      scheduleExit = CoinlakeMain.execute("schedule", "--once", "--config", config.toString(), "--pipeline", everyMinute.toString());
      scheduleOutput = captured.toString();
      captured.reset();
    } finally {
      System.setOut(original);
    }
    original.println(backfillOutput + scheduleOutput);

    killedExit = runAndKillDuring("features");
    killedRunId = Files.readAllLines(dir.resolve("lake").resolve(RunLock.LOCK_FILE)).stream()
        .filter(l -> l.startsWith("run_id=")).findFirst().orElseThrow().substring("run_id=".length());

    System.setOut(new PrintStream(captured, true));
    try {
      resumeExit = CoinlakeMain.execute("run", "--config", config.toString(), "--pipeline", pipeline.toString(), "--resume", killedRunId);
      resumeOutput = captured.toString();
      captured.reset();
      CoinlakeMain.execute("status", "--config", config.toString());
      statusOutput = captured.toString();
    } finally {
      System.setOut(original);
    }
    original.println(resumeOutput + statusOutput);
  }

  /** Starts `coinlake run --date KILLED_DATE` in its own JVM and SIGKILLs it once the lock file says it is on {@code task}. */
  private static int runAndKillDuring(String task) throws Exception {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "@../conf/spark-java17.options", "-Xmx1g", "-Dspark.master=local[2]",
        "-cp", classpath, CoinlakeMain.class.getName(), "run", "--config", config.toString(), "--pipeline", pipeline.toString(),
        "--date", KILLED_DATE.toString()));
    Path log = dir.resolve("killed-run.log");
    Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Path lock = dir.resolve("lake").resolve(RunLock.LOCK_FILE);
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (!(Files.isRegularFile(lock) && Files.readString(lock).contains("attempt_task=" + task + "\n"))) {
        assertTrue(child.isAlive(), "the child run ended before reaching " + task + ": " + Files.readString(log));
        assertTrue(System.nanoTime() < deadline, "the child run never reached " + task + ": " + Files.readString(log));
        Thread.sleep(20);
      }
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
      assertTrue(child.waitFor(60, TimeUnit.SECONDS));
      return child.exitValue();
    } finally {
      child.destroyForcibly();
    }
  }

  private static SparkSession spark() {
    return SparkTestSession.get();
  }

  private static Lake lake() {
    return new Lake(dir.resolve("lake").toString());
  }

  private static List<Row> runs(String trigger) {
    return lake().read(spark(), LakeTable.OPS_DAG_RUNS).where(col(TRIGGER).equalTo(trigger)).orderBy(LOGICAL_DATE).collectAsList();
  }

  private static List<Row> attempts(String runId) {
    return lake().read(spark(), LakeTable.OPS_TASK_RUNS).where(col(RUN_ID).equalTo(runId)).orderBy(STARTED_AT, ATTEMPT).collectAsList();
  }

  @Test
  void aBackfillMakesOneSuccessfulRunPerLogicalDateInOrder() {
    assertEquals(0, backfillExit, backfillOutput);
    List<Row> backfill = runs("backfill");
    assertEquals(List.of(FIRST, SECOND), backfill.stream().map(r -> r.<java.sql.Date>getAs(LOGICAL_DATE).toLocalDate()).toList());
    for (Row run : backfill) {
      assertEquals("success", run.getAs(RUN_STATUS));
      String id = run.getAs(RUN_ID);
      assertTrue(id.startsWith("backfill__" + run.getAs(LOGICAL_DATE) + "__"), id);
      assertEquals(List.of("ingest", "validate", "features", "train", "score"), attempts(id).stream().map(r -> r.<String>getAs(TASK)).toList());
    }
    assertTrue(backfill.get(0).<Timestamp>getAs(ENDED_AT).compareTo(backfill.get(1).<Timestamp>getAs(STARTED_AT)) <= 0,
        "the second date starts after the first has finished");
    List<String> predicted = lake().read(spark(), LakeTable.GOLD_PREDICTIONS).where(col(SYMBOL).equalTo("SOL")).orderBy(TS)
        .collectAsList().stream().map(r -> r.getAs(TS).toString().substring(0, 10)).toList();
    assertTrue(predicted.containsAll(List.of(FIRST.toString(), SECOND.toString())), "each date scored its own newest candle: " + predicted);
  }

  @Test
  void scheduleOnceFiresAtTheNextCronMinuteForTheIntervalThatJustEnded() {
    assertEquals(0, scheduleExit, scheduleOutput);
    assertTrue(scheduleOutput.contains("schedule '* * * * *': next run at "), scheduleOutput);
    List<Row> scheduled = runs("scheduled");
    assertEquals(1, scheduled.size());
    Row run = scheduled.get(0);
    assertEquals("success", run.getAs(RUN_STATUS));
    // the run fired at a whole minute; its logical date is that of the previous fire time, a minute earlier
    var fired = run.<Timestamp>getAs(STARTED_AT).toInstant().truncatedTo(ChronoUnit.MINUTES);
    assertEquals(fired.minus(1, ChronoUnit.MINUTES).atZone(ZoneOffset.UTC).toLocalDate(), run.<java.sql.Date>getAs(LOGICAL_DATE).toLocalDate());
    assertTrue(scheduleOutput.contains("DAG run " + run.getAs(RUN_ID) + ": success"), scheduleOutput);
  }

  @Test
  void aRunKilledDuringATaskIsRecordedAsFailedAndItsResumeRerunsOnlyWhatDidNotFinish() {
    assertEquals(137, killedExit, "SIGKILL");
    assertTrue(killedRunId.startsWith("manual__" + KILLED_DATE + "__"), killedRunId);
    assertEquals(0, resumeExit, resumeOutput);
    assertTrue(resumeOutput.contains("taking over the stale lock of run " + killedRunId), resumeOutput);
    assertTrue(resumeOutput.contains("[ingest] succeeded earlier in run " + killedRunId + "; not run again"), resumeOutput);
    assertTrue(resumeOutput.contains("[validate] succeeded earlier in run " + killedRunId + "; not run again"), resumeOutput);

    List<Row> attempts = attempts(killedRunId);
    List<String> seen = attempts.stream().map(r -> r.getAs(TASK) + "#" + r.getAs(ATTEMPT) + ":" + r.getAs(RUN_STATUS)).toList();
    assertEquals(List.of("ingest#1:success", "validate#1:success", "features#1:failed", "features#2:success", "train#1:success",
        "score#1:success"), seen);
    String why = attempts.get(2).getAs(RUN_ERROR);
    assertTrue(why.startsWith("the process running this attempt (pid ") && why.contains("stopped before it finished: killed or crashed"), why);
    Row run = lake().read(spark(), LakeTable.OPS_DAG_RUNS).where(col(RUN_ID).equalTo(killedRunId)).first();
    assertEquals("success", run.getAs(RUN_STATUS));
    assertTrue(statusOutput.contains(killedRunId), statusOutput);
  }

  @Test
  void afterTheKillEveryTableIsConsistent() throws Exception {
    long csvRows = 0;
    for (String coin : COINS) {
      csvRows += Files.readAllLines(Path.of("../data/sample/daily_multicoin_kaggle23", coin)).size() - 1;
    }
    assertEquals(csvRows, lake().read(spark(), LakeTable.BRONZE_OHLCV).count(), "every candle once in bronze");
    assertEquals(csvRows, lake().read(spark(), LakeTable.SILVER_OHLCV).count(), "every candle once in silver");
    // the features table is rebuilt as of the last run's logical date (the resumed one): a row per candle up to it
    long candlesUpToKilledDate = lake().read(spark(), LakeTable.SILVER_OHLCV)
        .where(col(TS).lt(Timestamp.from(KILLED_DATE.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))).count();
    assertEquals(csvRows - 2 * 3, candlesUpToKilledDate, "both coins end on 2021-07-06, three days after");
    var features = lake().read(spark(), LakeTable.GOLD_FEATURES_VOLATILITY);
    assertEquals(candlesUpToKilledDate, features.count(), "one feature row per candle up to the logical date");
    assertEquals(candlesUpToKilledDate, features.select(SYMBOL, TS).distinct().count());
    var predictions = lake().read(spark(), LakeTable.GOLD_PREDICTIONS);
    assertEquals(predictions.count(), predictions.select(SYMBOL, TS, HORIZON, MODEL_NAME).distinct().count(), "no duplicate predictions");
    assertEquals(List.of(), lake().read(spark(), LakeTable.OPS_DAG_RUNS).where(col(RUN_STATUS).equalTo("running")).collectAsList(),
        "no run is left marked running");
    assertFalse(Files.exists(dir.resolve("lake").resolve(RunLock.LOCK_FILE)), "the lock is released");
  }
}
