package io.coinlake.cli;

import static io.coinlake.lake.Columns.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.apache.spark.sql.functions.col;

import io.coinlake.lake.Columns;
import io.coinlake.lake.Lake;
import io.coinlake.orchestrate.Console;
import io.coinlake.orchestrate.RunLock;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import io.coinlake.lake.LakeTable;
import io.coinlake.testing.SparkTestSession;
import io.coinlake.testing.WebhookServer;
import io.coinlake.tracking.FileStoreBackend;
import io.coinlake.tracking.ModelVersion;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `coinlake run` end to end on a slice of the bundled sample (3 coins), twice; then, on the same
 * lake, two earlier dates scored and a drift report of a window whose labels have matured.
 */
class RunPipelineIT {
  private static final List<String> COINS = List.of("coin_Bitcoin.csv", "coin_Ethereum.csv", "coin_Solana.csv");

  @TempDir
  static Path dir;
  static Path config;
  static String firstOutput;
  static String secondOutput;
  static int firstExit;
  static int secondExit;
  static Map<String, List<String>> afterFirst;
  static Map<String, List<String>> afterSecond;
  static String statusOutput;
  static String lockedError;
  static int lockedExit;
  static String resumeError;
  static int resumeExit;
  static WebhookServer failingHook;
  static WebhookServer hook;
  static String reportOutput;
  static int reportExit;
  /** The report of the last run: every label of its window matured before the sample ends. */
  static final String LATE_REPORT = "2021-07-05";

  @AfterAll
  static void stopHooks() {
    failingHook.close();
    hook.close();
  }

  @BeforeAll
  static void runTwice() throws Exception {
    System.setProperty("spark.master", "local[2]");
    failingHook = WebhookServer.answering(500, "internal error");
    hook = WebhookServer.answering(200, "ok");
    Path input = Files.createDirectories(dir.resolve("input"));
    for (String coin : COINS) {
      Files.copy(Path.of("../data/sample/daily_multicoin_kaggle23", coin), input.resolve(coin));
    }
    config = dir.resolve("it.yaml");
    Files.writeString(config, String.join("\n",
        "lake: {root: " + dir.resolve("lake") + "}",
        "landing: {root: " + dir.resolve("landing") + "}",
        "mlflow: {trackingUri: " + dir.resolve("mlruns") + ", experiment: it}",
        "ingest: {ohlcv: {interval: 1d, sources: [{path: " + input + ", glob: 'coin_*.csv', layout: kaggle}]},",
        "  snapshots: {sources: [{path: ../data/sample/coingecko_snapshots, glob: 'coin_gecko_*.csv', percentUnit: fraction}]},",
        "  ticks: {barInterval: 1m, sources: [{path: ../data/sample/coinbase_ticker, glob: '*.ndjson'}]}}",
        "quality: {contractsDir: ../conf/contracts}",
        "tasks: {volatility: {cv: {folds: 3}, gbt: {maxIter: [15], maxDepth: [3]}}}",
        // every numerical column drifts (any distance >= 1e-9), so each run's report alerts; the webhook answers 500
        "monitoring: {reportsDir: " + dir.resolve("reports") + ", numerical: {stattest: wasserstein, threshold: 1.0e-9},",
        "  alerts: {webhookUrl: '" + failingHook.url("/services/T0/B0/secret") + "', timeoutSeconds: 5}}", ""));
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true));
    try {
      firstExit = CoinlakeMain.execute("run", "--config", config.toString());
      firstOutput = captured.toString();
      afterFirst = tableContents();
      captured.reset();
      secondExit = CoinlakeMain.execute("run", "--config", config.toString());
      secondOutput = captured.toString();
      afterSecond = tableContents();
      captured.reset();
      CoinlakeMain.execute("status", "--config", config.toString());
      statusOutput = captured.toString();
      captured.reset();
      // two earlier dates scored (their labels matured by the sample's end), then a report over them with a working webhook
      assertEquals(0, CoinlakeMain.execute("score", "--config", config.toString(), "--date", "2021-06-20"));
      assertEquals(0, CoinlakeMain.execute("score", "--config", config.toString(), "--date", "2021-06-25"));
      captured.reset();
      reportExit = CoinlakeMain.execute("report", "--config", config.toString(), "--date", LATE_REPORT,
          "--set", "monitoring.alerts.webhookUrl=" + hook.url("/hook"), "--set", "monitoring.degradationFactor=0.01");
      reportOutput = captured.toString();
    } finally {
      System.setOut(original);
    }
    PrintStream originalErr = System.err;
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    System.setErr(new PrintStream(errors, true));
    try (RunLock held = RunLock.acquire(FileSystem.getLocal(new Configuration()), dir.resolve("lake").toString(), "holder-run",
        java.time.Clock.systemUTC(), new Console(original))) {
      lockedExit = CoinlakeMain.execute("run", "--config", config.toString());
      lockedError = errors.toString();
      errors.reset();
      resumeExit = CoinlakeMain.execute("run", "--config", config.toString(), "--resume", "no-such-run");
      resumeError = errors.toString();
    } finally {
      System.setErr(originalErr);
    }
    original.println(firstOutput);
    original.println(reportOutput);
  }

  /** Every data table's rows without the per-run stamps, sorted: what must not change when a run is repeated. */
  private static Map<String, List<String>> tableContents() {
    Map<String, List<String>> contents = new java.util.TreeMap<>();
    for (LakeTable table : LakeTable.values()) {
      String path = lake().path(table);
      if (table.name().startsWith("OPS_") || !io.delta.tables.DeltaTable.isDeltaTable(spark(), path)) {
        continue;
      }
      var rows = lake().read(spark(), table);
      for (String column : rows.columns()) {
        if (column.endsWith("_at") || column.equals(BATCH_ID)) {
          rows = rows.drop(column);
        }
      }
      contents.put(table.name(), rows.collectAsList().stream().map(RunPipelineIT::rounded).sorted().toList());
    }
    return contents;
  }

  /** A row as text with doubles to 12 significant digits: sums over Spark partitions may differ in the last bits. */
  private static String rounded(Row row) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < row.size(); i++) {
      Object v = row.get(i);
      s.append(i == 0 ? "" : ",").append(v instanceof Double d ? String.format("%.12g", d) : String.valueOf(v));
    }
    return s.toString();
  }

  private static SparkSession spark() {
    return SparkTestSession.get();
  }

  private static Lake lake() {
    return new Lake(dir.resolve("lake").toString());
  }

  @Test
  void runningTheSameLogicalDateTwiceLeavesEveryTableWithTheSameRows() {
    assertTrue(afterFirst.keySet().containsAll(List.of("BRONZE_OHLCV", "SILVER_OHLCV", "GOLD_FEATURES_VOLATILITY", "GOLD_PREDICTIONS",
        "GOLD_BACKTEST", "SILVER_TICK_BARS", "QUARANTINE_MARKET_SNAPSHOTS")), afterFirst.keySet().toString());
    for (String table : afterFirst.keySet()) {
      assertEquals(afterFirst.get(table).size(), afterSecond.get(table).size(), table + " row count");
      assertEquals(afterFirst.get(table), afterSecond.get(table), table + " contents");
    }
  }

  @Test
  void everyRunAndTaskAttemptIsRecordedAndStatusShowsThem() {
    List<Row> runs = lake().read(spark(), LakeTable.OPS_DAG_RUNS).orderBy(STARTED_AT).collectAsList();
    assertEquals(2, runs.size());
    for (Row run : runs) {
      assertEquals("success", run.getAs(Columns.RUN_STATUS));
      assertEquals("manual", run.getAs(TRIGGER));
      assertNull(run.getAs(LOGICAL_DATE), "a run over all data has no logical date");
      assertTrue(run.<String>getAs(RUN_ID).startsWith("manual__all__"), run.toString());
      assertTrue(statusOutput.contains(run.<String>getAs(RUN_ID)), statusOutput);
    }
    assertTrue(statusOutput.contains("ingest:success validate:success features:success train:success score:success report:success"),
        statusOutput);
    List<Row> tasks = lake().read(spark(), LakeTable.OPS_TASK_RUNS).where(col(RUN_ID).equalTo(runs.get(0).<String>getAs(RUN_ID)))
        .orderBy(STARTED_AT).collectAsList();
    assertEquals(List.of("ingest", "validate", "features", "train", "score", "report"), tasks.stream().map(r -> r.<String>getAs(TASK)).toList());
    Row ingest = tasks.get(0);
    assertEquals(1, ingest.<Integer>getAs(ATTEMPT));
    assertTrue(ingest.<Long>getAs(ROWS_IN) > 0 && ingest.<Long>getAs(ROWS_OUT) <= ingest.<Long>getAs(ROWS_IN), ingest.toString());
    assertFalse(Files.exists(dir.resolve("lake").resolve(RunLock.LOCK_FILE)), "the lock is released after each run");
  }

  @Test
  void aSecondRunOnALockedLakeFailsWithOneLineNamingTheHolder() {
    assertEquals(CoinlakeMain.FAILED, lockedExit, lockedError);
    assertTrue(lockedError.startsWith("coinlake: failed: the lake " + dir.resolve("lake") + " is locked by run holder-run (pid "
        + ProcessHandle.current().pid()), lockedError);
    assertEquals(1, lockedError.lines().count(), lockedError);
  }

  @Test
  void resumingAnUnknownRunSaysWhereToLook() {
    assertEquals(CoinlakeMain.USAGE, resumeExit, resumeError);
    assertEquals("coinlake: no DAG run 'no-such-run' in " + dir.resolve("lake") + "/ops/dag_runs; ./coinlake status lists the runs",
        resumeError.strip());
  }

  private static long expectedRows() throws Exception {
    long n = 0;
    for (String coin : COINS) {
      n += Files.readAllLines(Path.of("../data/sample/daily_multicoin_kaggle23", coin)).size() - 1;
    }
    return n;
  }

  @Test
  void bothRunsSucceedAndPrintTheSummary() {
    assertEquals(0, firstExit, firstOutput);
    assertEquals(0, secondExit);
    assertTrue(firstOutput.contains("[ingest] started"), firstOutput);
    assertTrue(firstOutput.contains("[score] done in"), firstOutput);
    assertTrue(firstOutput.contains("balanced for every file"), firstOutput);
    assertTrue(firstOutput.contains("* "), "the chosen model is starred");
  }

  @Test
  void theSecondRunSkipsFilesItAlreadyIngested() {
    assertTrue(firstOutput.contains("7 files ingested, 0 skipped as already ingested, 0 unreadable"), firstOutput);
    assertTrue(secondOutput.contains("0 files ingested, 7 skipped as already ingested, 0 unreadable"), secondOutput);
    assertTrue(secondOutput.contains("skipped " + dir.resolve("input/coin_Bitcoin.csv") + ": same content as "), secondOutput);
  }

  @Test
  void ticksOfBothFeedsLandAndBecomeMinuteBars() {
    var bronze = lake().read(spark(), LakeTable.BRONZE_TICKS);
    assertEquals(107, bronze.where("feed = 'classic'").count());
    assertEquals(160, bronze.where("feed = 'advanced_trade'").count());
    long quarantined = lake().exists(spark(), LakeTable.QUARANTINE_TICKS) ? lake().read(spark(), LakeTable.QUARANTINE_TICKS).count() : 0;
    assertEquals(267, lake().read(spark(), LakeTable.SILVER_TICKS).count() + quarantined);
    var bars = lake().read(spark(), LakeTable.SILVER_TICK_BARS);
    assertEquals(2, bars.where("product = 'SKL-USD'").count());
    Row btc = bars.where("product = 'BTC-USD'").agg(org.apache.spark.sql.functions.sum(TRADE_COUNT)).first();
    assertEquals(73L, btc.getLong(0), "every BTC-USD ticker update is in exactly one bar");
  }

  @Test
  void marketSnapshotsLandInSilverAndAmbiguousSymbolsAreQuarantined() {
    // 2 files x 500 coins; FEG, RUNE and TIME name two coins each in both files
    assertEquals(994, lake().read(spark(), LakeTable.BRONZE_MARKET_SNAPSHOTS).count());
    var quarantine = lake().read(spark(), LakeTable.QUARANTINE_MARKET_SNAPSHOTS);
    assertEquals(6, quarantine.where("check = 'duplicate_key'").count());
    assertEquals(List.of("FEG", "RUNE", "TIME"), quarantine.select(SYMBOL).distinct().orderBy(SYMBOL).collectAsList().stream()
        .map(r -> r.getString(0)).toList());
    long silver = lake().read(spark(), LakeTable.SILVER_MARKET_SNAPSHOTS).count();
    long validateQuarantine = quarantine.where("stage = 'validate'").count();
    assertEquals(994, silver + validateQuarantine);
    Row btc = lake().read(spark(), LakeTable.SILVER_MARKET_SNAPSHOTS).where("symbol = 'BTC' AND snapshot_ts = '2022-03-16'").first();
    assertEquals(40859.46, btc.<Double>getAs(PRICE), 1e-9);
    assertEquals(0.03, btc.<Double>getAs(CHANGE_24H), 1e-12);
    assertEquals("coingecko_csv", btc.getAs(FEED));
  }

  @Test
  void everyRowIsAccountedForAndReRunsAddNoDuplicates() throws Exception {
    long expected = expectedRows();
    assertEquals(expected, lake().read(spark(), LakeTable.BRONZE_OHLCV).count());
    long silver = lake().read(spark(), LakeTable.SILVER_OHLCV).count();
    long quarantine = lake().exists(spark(), LakeTable.QUARANTINE_OHLCV) ? lake().read(spark(), LakeTable.QUARANTINE_OHLCV).count() : 0;
    assertEquals(expected, silver + quarantine);
    assertEquals(silver, lake().read(spark(), LakeTable.SILVER_OHLCV).select(SYMBOL, INTERVAL, TS).distinct().count());
  }

  @Test
  void featuresCarryTheForwardLabel() {
    Row btc = lake().read(spark(), LakeTable.GOLD_FEATURES_VOLATILITY).where("symbol = 'BTC' AND label IS NOT NULL")
        .orderBy(TS).limit(1).first();
    assertNotNull(btc.getAs(LABEL_END_TS));
    assertTrue(btc.<Double>getAs(LABEL) > 0);
  }

  @Test
  void backtestHoldsOutOfFoldPredictionsOfEveryCandidate() {
    var backtest = lake().read(spark(), LakeTable.GOLD_BACKTEST);
    List<String> models = backtest.select(MODEL).distinct().orderBy(MODEL).collectAsList().stream().map(r -> r.getString(0)).toList();
    assertEquals(List.of("gbt_it15_d3_lr0.1", "har_linear", "persistence"), models);
    assertEquals(3, backtest.select(FOLD).distinct().count());
    long perModel = backtest.where("model = 'persistence'").count();
    assertEquals(perModel, backtest.where("model = 'har_linear'").count(), "every candidate predicts the same validation rows");
    assertEquals(0, backtest.where("y_pred <= 0").count(), "volatility forecasts are positive");
  }

  @Test
  void eachRunRegistersAVersionAndTheChampionIsScored() {
    FileStoreBackend store = new FileStoreBackend(dir.resolve("mlruns"));
    List<ModelVersion> versions = store.listVersions("coinlake-volatility");
    assertEquals(2, versions.size());
    ModelVersion champion = store.getByAlias("coinlake-volatility", "champion").orElseThrow();
    assertEquals(1, champion.version(), "an identical second training does not beat the champion");
    assertTrue(Files.isDirectory(Path.of(java.net.URI.create(champion.source())).resolve("sparkml")));
    assertTrue(Files.isRegularFile(Path.of(java.net.URI.create(champion.source())).resolve("MLmodel")));
    assertFalse(store.metricHistory(champion.runId(), "cv_qlike").isEmpty());
    Map<String, String> tags = store.tags(champion.runId());
    assertEquals("volatility", tags.get("coinlake.task"));
    assertNotNull(tags.get("coinlake.training_table_delta_version"));

    List<Row> predictions = lake().read(spark(), LakeTable.GOLD_PREDICTIONS).where("ts >= '2021-07-06'").orderBy(SYMBOL).collectAsList();
    assertEquals(List.of("BTC", "ETH", "SOL"), predictions.stream().map(r -> r.<String>getAs(SYMBOL)).collect(Collectors.toList()),
        "one prediction per symbol even after two runs");
    assertEquals(9, lake().read(spark(), LakeTable.GOLD_PREDICTIONS).count(), "and one per symbol for each of the two dates scored after");
    for (Row p : predictions) {
      assertEquals("2021-07-06", p.getAs(TS).toString().substring(0, 10));
      assertEquals(1, p.<Integer>getAs(MODEL_VERSION));
      assertEquals(champion.runId(), p.getAs(RUN_ID));
      assertTrue(p.<Double>getAs(PREDICTION) > 0);
    }
  }

  private static Row monitoringRow(String date) {
    return lake().read(spark(), LakeTable.OPS_MONITORING).where(col(Columns.REPORT_DATE).equalTo(java.sql.Date.valueOf(date))).first();
  }

  @Test
  void eachRunReportsDriftAndAFailingWebhookIsRecordedWithoutFailingTheRun() throws Exception {
    assertTrue(firstOutput.contains("[report] done in"), firstOutput);
    String html = dir.resolve("reports/2021-07-06/volatility.html").toString();
    assertTrue(firstOutput.contains("Monitoring 2021-07-06 (window 2021-06-07 to 2021-07-06): dataset drift: YES (13 of 13 features, 100% >= 50%)"),
        firstOutput);
    assertTrue(firstOutput.contains("  ALERT failed: HTTP 500 from 127.0.0.1:" + failingHook.port() + ": internal error: dataset drift -> " + html),
        "the summary shows the alert and that it failed: " + firstOutput);
    assertFalse(firstOutput.contains("secret"), "the webhook's path (its token) is never printed");
    assertEquals(2, failingHook.calls().size(), "one alert per run");

    Row row = monitoringRow("2021-07-06");
    assertEquals("failed: HTTP 500 from 127.0.0.1:" + failingHook.port() + ": internal error", row.getAs(ALERT_STATUS));
    assertEquals("volatility", row.getAs(TASK));
    assertEquals("2021-06-07", row.getAs(WINDOW_START).toString());
    assertEquals(13, row.<Integer>getAs(DRIFTED_COLUMNS));
    assertTrue(row.<Boolean>getAs(DATASET_DRIFT));
    assertEquals(0L, row.<Long>getAs(LABELED_ROWS), "the predictions of 07-06 have no label yet");
    assertNull(row.getAs(RMSE));
    assertNull(row.getAs(DEGRADED), "nothing to judge without labels");
    assertEquals(html, row.getAs(REPORT_PATH));
  }

  @Test
  void aReportOverMaturedLabelsJudgesTheModelAndAlertsTheWebhook() throws Exception {
    assertEquals(0, reportExit, reportOutput);
    Row row = monitoringRow(LATE_REPORT);
    assertEquals("2021-06-06", row.getAs(WINDOW_START).toString(), "30 days up to the date");
    assertEquals(6L, row.<Long>getAs(LABELED_ROWS), "3 symbols x 2 scored dates, all matured");
    assertEquals(90L, row.<Long>getAs(CURRENT_ROWS));
    ModelVersion champion = new FileStoreBackend(dir.resolve("mlruns")).getByAlias("coinlake-volatility", "champion").orElseThrow();
    FileStoreBackend store = new FileStoreBackend(dir.resolve("mlruns"));
    assertEquals(store.metricHistory(champion.runId(), "cv_rmse").get(0).value(), row.<Double>getAs(CV_RMSE), 0.0);
    assertTrue(row.<Double>getAs(RMSE) > 0);
    assertTrue(row.<Boolean>getAs(DEGRADED), "any error above 0.01 x CV degrades");
    assertEquals(0.01, row.<Double>getAs(DEGRADATION_FACTOR), 0.0);
    assertEquals("sent", row.getAs(ALERT_STATUS));
    assertEquals("wasserstein", row.getAs(PREDICTION_DRIFT_TEST));
    assertEquals(champion.version(), row.<Integer>getAs(MODEL_VERSION));

    assertEquals(1, hook.calls().size());
    WebhookServer.Call call = hook.calls().get(0);
    assertEquals("POST", call.method());
    assertEquals("application/json", call.contentType());
    String text = new com.fasterxml.jackson.databind.ObjectMapper().readTree(call.body()).get("text").asText();
    assertTrue(text.startsWith("coinlake volatility report " + LATE_REPORT + " (coinlake-volatility v1, window 2021-06-06 to " + LATE_REPORT
        + "): dataset drift: 13 of 13 features drifted"), text);
    assertTrue(text.contains("; model degraded: "), text);
    assertTrue(text.endsWith("Report: " + dir.resolve("reports/" + LATE_REPORT + "/volatility.html")), text);
    assertTrue(reportOutput.contains("[report] ALERT sent: dataset drift and model degradation -> "), reportOutput);
  }

  @Test
  void theReportFilesAndTheIndexAreSelfContained() throws Exception {
    Path reports = dir.resolve("reports");
    String html = Files.readString(reports.resolve(LATE_REPORT + "/volatility.html"));
    assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script"), "no network reference");
    assertTrue(html.contains("<div class=\"label\">Model quality</div><div class=\"value\">DEGRADED</div>"));
    assertTrue(html.contains("Drifted features: <b>log_return</b>, <b>rv_7</b>"), "every feature drifts at this threshold");
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(reports.resolve(LATE_REPORT + "/volatility.json").toFile());
    assertEquals(LATE_REPORT, json.get("coinlake").get("report_date").asText());
    assertEquals("DatasetDriftMetric", json.get("metrics").get(0).get("metric").asText());
    assertEquals(13, json.get("metrics").get(0).get("result").get("number_of_columns").asInt(), "the champion's 13 features");
    var quality = json.get("metrics").get(json.get("metrics").size() - 1);
    assertEquals("RegressionQualityMetric", quality.get("metric").asText());
    assertEquals(6, quality.get("result").get("current").get("rows").asInt());
    assertEquals(List.of("2021-06-20", "2021-06-25"), List.of(quality.get("result").get("by_period").get(0).get("start").asText(),
        quality.get("result").get("by_period").get(1).get("start").asText()), "errors per day with matured labels");

    String index = Files.readString(reports.resolve("index.html"));
    int newest = index.indexOf("<a href=\"2021-07-06/volatility.html\">2021-07-06</a>");
    int older = index.indexOf("<a href=\"" + LATE_REPORT + "/volatility.html\">" + LATE_REPORT + "</a>");
    assertTrue(newest > 0 && newest < older, "both reports listed, newest first: " + index);
    try (var files = Files.walk(reports)) {
      assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".crc")).toList(), "no Hadoop checksum files");
    }
  }

  @Test
  void theReportIsAnArtifactOfAMonitoringRunInMlflow() throws Exception {
    String runId = monitoringRow(LATE_REPORT).getAs(MLFLOW_RUN_ID);
    FileStoreBackend store = new FileStoreBackend(dir.resolve("mlruns"));
    Path artifacts = Path.of(java.net.URI.create(store.artifactUri(runId)));
    assertEquals(Files.readString(dir.resolve("reports/" + LATE_REPORT + "/volatility.html")),
        Files.readString(artifacts.resolve("evidently/volatility.html")));
    assertTrue(Files.isRegularFile(artifacts.resolve("evidently/volatility.json")));
    assertEquals(LATE_REPORT, store.params(runId).get("report_date"));
    assertEquals("gold.backtest", store.params(runId).get("prediction_reference_source"));
    assertEquals("sent", store.tags(runId).get("coinlake.alert_status"));
    assertEquals(13.0, store.metricHistory(runId, "number_of_drifted_columns").get(0).value());
    Path experiment = artifacts.getParent().getParent();
    assertTrue(Files.readString(experiment.resolve("meta.yaml")).contains("name: it-monitoring"), "the experiment <experiment>-monitoring");
  }
}
