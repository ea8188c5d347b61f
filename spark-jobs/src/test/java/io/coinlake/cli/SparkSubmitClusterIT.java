package io.coinlake.cli;

import static io.coinlake.lake.Columns.*;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.coinlake.lake.Lake;
import io.coinlake.lake.LakeTable;
import io.coinlake.orchestrate.PipelineSpecLoader;
import io.coinlake.orchestrate.TaskSpec;
import io.coinlake.testing.SparkStandaloneCluster;
import io.coinlake.testing.SparkStandaloneCluster.Submission;
import io.coinlake.testing.SparkTestSession;
import io.coinlake.tracking.FileStoreBackend;
import io.coinlake.tracking.ModelVersion;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's way to run coinlake on a cluster, for real: a Spark standalone master and worker on
 * 127.0.0.1 (separate JVMs, Spark from the Maven jars only), and {@code spark-submit --class
 * io.coinlake.cli.CoinlakeMain coinlake-jobs.jar <task> --date D --config FILE} for every stage in
 * DAG order on a 3-coin slice of the sample. The cluster has no Delta, Deequ or MLflow jars of its
 * own and the driver runs in an empty directory, so everything else comes from the shaded jar.
 * The tables are then read back with a local session in this JVM.
 */
class SparkSubmitClusterIT {
  private static final Path SAMPLE = Path.of("../data/sample/daily_multicoin_kaggle23");
  private static final List<String> COINS = List.of("coin_Polkadot.csv", "coin_Solana.csv", "coin_Uniswap.csv");
  private static final List<String> SYMBOLS = List.of("DOT", "SOL", "UNI");
  private static final String DATE = "2021-07-06"; // the last day of all three files
  /** Every task of conf/pipeline.yaml, in its DAG order, as the Airflow DAG submits them. */
  private static final List<String> TASKS =
      PipelineSpecLoader.load(Path.of("../conf/pipeline.yaml")).order().stream().map(TaskSpec::command).toList();
  private static final String MODEL = "coinlake-volatility";

  @TempDir
  static Path dir;
  static SparkStandaloneCluster cluster;
  static final Map<String, Submission> submissions = new LinkedHashMap<>();
  static JsonNode masterState;
  static JsonNode workerState;

  @BeforeAll
  static void submitEveryTaskToTheCluster() throws Exception {
    SparkStandaloneCluster.jobsJar(); // the shaded jar must exist before anything starts
    Path input = Files.createDirectories(dir.resolve("input"));
    for (String coin : COINS) {
      Files.copy(SAMPLE.resolve(coin), input.resolve(coin));
    }
    Path config = dir.resolve("cluster.yaml");
    Files.writeString(config, String.join("\n",
        "lake: {root: " + dir.resolve("lake") + "}",
        "landing: {root: " + dir.resolve("landing") + "}",
        "spark: {shufflePartitions: 2}",
        "mlflow: {trackingUri: " + dir.resolve("mlruns") + ", experiment: cluster-it}",
        "ingest: {ohlcv: {interval: 1d, sources: [{path: " + input + ", glob: 'coin_*.csv', layout: kaggle}]},",
        "  snapshots: {sources: []}, ticks: {sources: []}}",
        "tasks: {volatility: {cv: {folds: 3}, gbt: {maxIter: [15], maxDepth: [3]}}}",
        "monitoring: {reportsDir: " + dir.resolve("reports") + "}", ""));

    cluster = SparkStandaloneCluster.start(dir.resolve("cluster"));
    for (String task : TASKS) {
      Submission submission = cluster.submit(List.of(task, "--date", DATE, "--config", config.toString()));
      submissions.put(task, submission);
      System.out.println(submission.output());
      if (submission.exitCode() != 0) {
        break; // the next tasks depend on this one
      }
    }
    masterState = awaitCompletedApps(submissions.size());
    workerState = awaitFinishedExecutors(submissions.size());
  }

  @AfterAll
  static void stopTheCluster() {
    if (cluster == null) {
      return;
    }
    cluster.close();
    List<ProcessHandle> processes = cluster.processes();
    assertTrue(processes.size() >= 2 + submissions.size(), "master, worker and one driver per task were started: " + processes);
    List<Long> alive = processes.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
    assertEquals(List.of(), alive, "every cluster process is stopped");
  }

  /** The master moves an app to completedapps when its driver unregisters, which may trail the driver's exit a little. */
  private static JsonNode awaitCompletedApps(int count) throws InterruptedException {
    JsonNode state = cluster.masterState();
    for (int i = 0; i < 100 && (state.path("completedapps").size() < count || state.path("activeapps").size() > 0); i++) {
      Thread.sleep(100);
      state = cluster.masterState();
    }
    return state;
  }

  /** The worker lists an executor as finished once it has reaped its process, which may trail the app's end. */
  private static JsonNode awaitFinishedExecutors(int count) throws InterruptedException {
    JsonNode state = cluster.workerState();
    for (int i = 0; i < 200 && (state.path("finishedexecutors").size() < count || state.path("executors").size() > 0); i++) {
      Thread.sleep(100);
      state = cluster.workerState();
    }
    return state;
  }

  private static SparkSession spark() {
    return SparkTestSession.get();
  }

  private static Lake lake() {
    return new Lake(dir.resolve("lake").toString());
  }

  private static long csvRows() throws Exception {
    long n = 0;
    for (String coin : COINS) {
      n += Files.readAllLines(SAMPLE.resolve(coin)).size() - 1;
    }
    return n;
  }

  @Test
  void everyTaskSucceedsInDagOrder() {
    for (Submission submission : submissions.values()) {
      assertEquals(0, submission.exitCode(), submission.tail());
      String task = submission.args().get(0);
      assertTrue(submission.output().contains("[" + task + "] done in"), submission.tail());
    }
    assertEquals(TASKS, List.copyOf(submissions.keySet()));
    assertTrue(submissions.get("ingest").output().contains("3 files ingested, 0 skipped as already ingested, 0 unreadable"),
        submissions.get("ingest").tail());
    assertTrue(submissions.get("validate").output().contains("contract ohlcv"), "Deequ validated the candles on the cluster: "
        + submissions.get("validate").tail());
  }

  @Test
  void everyTaskRanAsAnApplicationOfThisClusterOnItsWorker() {
    assertEquals(cluster.masterUrl(), masterState.path("url").asText());
    Map<String, JsonNode> completed = new LinkedHashMap<>();
    masterState.path("completedapps").forEach(app -> completed.put(app.path("id").asText(), app));
    List<String> executorApps = new ArrayList<>();
    workerState.path("finishedexecutors").forEach(e -> executorApps.add(e.path("appid").asText()));

    assertEquals(TASKS.size(), submissions.size());
    for (Submission submission : submissions.values()) {
      String task = submission.args().get(0);
      String appId = submission.appId().orElseThrow(() -> new AssertionError(task + " never connected to a cluster: " + submission.tail()));
      JsonNode app = completed.get(appId);
      assertNotNull(app, task + " (" + appId + ") is not among the master's completed apps " + completed.keySet());
      assertEquals("coinlake " + Character.toUpperCase(task.charAt(0)) + task.substring(1), app.path("name").asText());
      assertEquals("FINISHED", app.path("state").asText());
      assertEquals(1024, app.path("memoryperexecutor").asInt(), "--executor-memory 1g reached the master");
      assertTrue(executorApps.contains(appId), task + " (" + appId + ") had no executor on the worker: " + executorApps);
    }
    assertEquals(TASKS.size(), completed.size(), "no other application ran on the cluster: " + completed.keySet());
  }

  @Test
  void theClusterHasSparkButNotOurDependencies() {
    List<String> jars = cluster.sparkJars();
    assertTrue(jars.stream().anyMatch(j -> j.startsWith("spark-core_2.12-3.5.")), jars.toString());
    assertTrue(jars.stream().anyMatch(j -> j.startsWith("spark-mllib_2.12-3.5.")), jars.toString());
    assertEquals(List.of(), jars.stream().filter(j -> j.matches("(delta|deequ|mlflow|picocli).*")).toList(),
        "Delta, Deequ, MLflow and picocli must reach the cluster through coinlake-jobs.jar only");
  }

  @Test
  void bronzeAndSilverHoldEveryCsvRow() throws Exception {
    long expected = csvRows();
    assertEquals(1064, expected, "the slice: DOT 320 + SOL 452 + UNI 292 candles");
    assertEquals(expected, lake().read(spark(), LakeTable.BRONZE_OHLCV).count());
    assertEquals(expected, lake().read(spark(), LakeTable.SILVER_OHLCV).count());
    assertEquals(SYMBOLS, symbols(LakeTable.SILVER_OHLCV));
    assertFalse(lake().exists(spark(), LakeTable.QUARANTINE_OHLCV) && lake().read(spark(), LakeTable.QUARANTINE_OHLCV).count() > 0,
        "nothing of the slice is quarantined");
    assertTrue(Files.isRegularFile(dir.resolve("lake/_reports/validation/ohlcv_" + DATE + ".json")),
        "validate wrote its Deequ report for the run date");
  }

  @Test
  void featuresCoverEverySymbol() {
    var features = lake().read(spark(), LakeTable.GOLD_FEATURES_VOLATILITY);
    assertEquals(1064, features.count(), "one feature row per candle");
    assertEquals(SYMBOLS, symbols(LakeTable.GOLD_FEATURES_VOLATILITY));
    assertTrue(features.where(LABEL + " IS NOT NULL").count() > 0, "labels were computed");
  }

  @Test
  void trainingLoggedAnMlflowRunAndRegisteredTheChampion() {
    FileStoreBackend store = new FileStoreBackend(dir.resolve("mlruns"));
    List<ModelVersion> versions = store.listVersions(MODEL);
    assertEquals(1, versions.size());
    ModelVersion champion = store.getByAlias(MODEL, "champion").orElseThrow();
    assertEquals(1, champion.version());
    Path model = Path.of(URI.create(champion.source()));
    assertTrue(Files.isDirectory(model.resolve("sparkml/stages")), "the driver logged the fitted pipeline: " + model);
    assertTrue(Files.isDirectory(dir.resolve("lake/_staging/models")), "the executors wrote the model to the shared lake first");
    assertEquals(0, dir.resolve("lake/_staging/models").toFile().list().length, "and the driver removed the staged copy");
    assertTrue(Files.isRegularFile(model.resolve("MLmodel")));
    assertFalse(store.metricHistory(champion.runId(), "cv_qlike").isEmpty());
    assertEquals("volatility", store.tags(champion.runId()).get("coinlake.task"));
  }

  @Test
  void predictionsHaveOneRowPerSymbolFromTheChampion() {
    ModelVersion champion = new FileStoreBackend(dir.resolve("mlruns")).getByAlias(MODEL, "champion").orElseThrow();
    List<Row> predictions = lake().read(spark(), LakeTable.GOLD_PREDICTIONS).orderBy(SYMBOL).collectAsList();
    assertEquals(SYMBOLS, predictions.stream().map(r -> r.<String>getAs(SYMBOL)).toList());
    for (Row p : predictions) {
      assertEquals(DATE, p.getAs(TS).toString().substring(0, 10));
      assertEquals(1, p.<Integer>getAs(MODEL_VERSION));
      assertEquals(champion.runId(), p.getAs(RUN_ID));
      assertTrue(p.<Double>getAs(PREDICTION) > 0, "volatility forecasts are positive: " + p);
    }
    assertTrue(Files.isDirectory(dir.resolve("lake/_models/" + champion.runId() + "/stages")),
        "score copied the champion from MLflow into the lake, where the executors loaded it");
  }

  private static List<String> symbols(LakeTable table) {
    return lake().read(spark(), table).select(SYMBOL).distinct().orderBy(SYMBOL).collectAsList().stream()
        .map(r -> r.getString(0)).toList();
  }

  @Test
  void theReportComparedTheChampionsTrainingRowsWithTheWindowUpToTheDate() throws Exception {
    Path html = dir.resolve("reports/" + DATE + "/volatility.html");
    assertTrue(submissions.get("report").output().contains("[report] done in"), submissions.get("report").tail());
    assertTrue(Files.isRegularFile(html), "the driver wrote the page: " + html);
    assertTrue(Files.isRegularFile(dir.resolve("reports/index.html")));
    Row row = lake().read(spark(), LakeTable.OPS_MONITORING).first();
    assertEquals(DATE, row.getAs(REPORT_DATE).toString());
    assertEquals(13, row.<Integer>getAs(MONITORED_COLUMNS));
    assertEquals(html.toString(), row.getAs(REPORT_PATH));
    assertTrue(row.<Long>getAs(REFERENCE_ROWS) > 0 && row.<Long>getAs(CURRENT_ROWS) > 0, row.toString());
    assertEquals(1L, lake().read(spark(), LakeTable.OPS_MONITORING).count());
  }
}
