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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `coinlake run` end to end on a slice of the bundled sample (3 coins), twice. */
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

  @BeforeAll
  static void runTwice() throws Exception {
    System.setProperty("spark.master", "local[2]");
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
        "tasks: {volatility: {cv: {folds: 3}, gbt: {maxIter: [15], maxDepth: [3]}}}", ""));
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
    assertTrue(statusOutput.contains("ingest:success validate:success features:success train:success score:success"), statusOutput);
    List<Row> tasks = lake().read(spark(), LakeTable.OPS_TASK_RUNS).where(col(RUN_ID).equalTo(runs.get(0).<String>getAs(RUN_ID)))
        .orderBy(STARTED_AT).collectAsList();
    assertEquals(List.of("ingest", "validate", "features", "train", "score"), tasks.stream().map(r -> r.<String>getAs(TASK)).toList());
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

    List<Row> predictions = lake().read(spark(), LakeTable.GOLD_PREDICTIONS).orderBy(SYMBOL).collectAsList();
    assertEquals(List.of("BTC", "ETH", "SOL"), predictions.stream().map(r -> r.<String>getAs(SYMBOL)).collect(Collectors.toList()),
        "one prediction per symbol even after two runs");
    for (Row p : predictions) {
      assertEquals("2021-07-06", p.getAs(TS).toString().substring(0, 10));
      assertEquals(1, p.<Integer>getAs(MODEL_VERSION));
      assertEquals(champion.runId(), p.getAs(RUN_ID));
      assertTrue(p.<Double>getAs(PREDICTION) > 0);
    }
  }
}
