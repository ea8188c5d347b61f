package io.coinlake.cli;

import static io.coinlake.lake.Columns.*;
import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.config.ConfigLoader;
import io.coinlake.ingest.LandingFileName;
import io.coinlake.lake.Lake;
import io.coinlake.lake.LakeTable;
import io.coinlake.testing.ApiReplayServer;
import io.coinlake.testing.S3ProxyServer;
import io.coinlake.testing.SparkTestSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fetch -> ingest -> validate -> features with the lake and the landing zone on a real S3 server
 * (s3proxy in its own process) and the APIs replayed from recorded responses on 127.0.0.1. The
 * kaggle CSVs are uploaded to the bucket too, so every input is read through s3a.
 */
class S3PipelineIT {
  private static final Path SAMPLE = Path.of("../data/sample/daily_multicoin_kaggle23");
  private static final List<String> COINS = List.of("coin_Bitcoin.csv", "coin_Ethereum.csv");
  private static final Path RECORDED = Path.of("src/test/resources/api");
  private static final Path MARKETS = RECORDED.resolve("coingecko/markets/20261121T101502.123Z_p1.json");
  private static final Path TICKERS = RECORDED.resolve("coinlore/tickers/20261121T101502.456Z.json");
  private static final Path CANDLES = RECORDED.resolve("coinbase/candles/20261121T101503.001Z_BTC-USD_86400.json");

  @TempDir
  static Path dir;
  static S3ProxyServer s3;
  static ApiReplayServer apis;
  static SparkSession spark;
  static Lake lake;
  static Map<String, Integer> exits = new java.util.LinkedHashMap<>();
  static String output;

  @BeforeAll
  static void runThePipelineOnS3() throws Exception {
    SparkTestSession.stopAll(); // the test credentials reach only a SparkContext created after exportCredentials()
    System.setProperty("spark.master", "local[2]");
    s3 = S3ProxyServer.start(dir);
    s3.exportCredentials();
    for (String coin : COINS) {
      s3.upload(SAMPLE.resolve(coin), "input/ohlcv/" + coin);
    }
    apis = ApiReplayServer.replaying(Map.of(
        "/api/v3/coins/markets", MARKETS,
        "/api/tickers/", TICKERS,
        "/products/BTC-USD/candles", CANDLES));
    Path config = dir.resolve("s3.yaml");
    Files.writeString(config, String.join("\n",
        "lake: {root: '" + s3.uri("lake") + "'}",
        "landing: {root: '" + s3.uri("landing") + "'}",
        s3.s3ConfigYaml(),
        "spark: {shufflePartitions: 2}",
        "mlflow: {trackingUri: " + dir.resolve("mlruns") + ", experiment: it}",
        "ingest: {ohlcv: {interval: 1d, sources: [{path: '" + s3.uri("input/ohlcv") + "', glob: 'coin_*.csv', layout: kaggle}]},",
        "  snapshots: {sources: []}, ticks: {sources: []}}",
        "quality: {contractsDir: ../conf/contracts}",
        "fetch:",
        "  coingecko: {baseUrl: '" + apis.baseUrl() + "/api/v3', minIntervalMillis: 0}",
        "  coinlore: {baseUrl: '" + apis.baseUrl() + "', minIntervalMillis: 0}",
        "  coinbase: {baseUrl: '" + apis.baseUrl() + "', products: [BTC-USD], minIntervalMillis: 0}", ""));
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true));
    try {
      for (String command : List.of("fetch", "ingest", "validate", "features")) {
        exits.put(command, CoinlakeMain.execute(command, "--config", config.toString()));
      }
    } finally {
      System.setOut(original);
      output = captured.toString();
      original.println(output);
    }
    SparkTestSession.stopAll();
    spark = SparkSessions.create(ConfigLoader.load(config, List.of()), "S3PipelineIT-check");
    lake = new Lake(s3.uri("lake"));
  }

  @AfterAll
  static void stopEverything() {
    try {
      if (spark != null) {
        spark.stop();
      }
      if (apis != null) {
        apis.close();
      }
    } finally {
      System.clearProperty("spark.master");
      if (s3 != null) {
        s3.close();
      }
    }
  }

  @Test
  void everyStageSucceeds() {
    assertEquals(Map.of("fetch", 0, "ingest", 0, "validate", 0, "features", 0), exits, output);
  }

  @Test
  void fetchLandsEachResponseByteForByteInTheBucket() throws Exception {
    assertEquals(List.of("/api/v3/coins/markets", "/api/tickers/", "/products/BTC-USD/candles"),
        apis.requested().stream().map(r -> r.replaceAll("\\?.*", "")).toList());
    assertArrayEquals(Files.readAllBytes(MARKETS), onlyFileIn("landing/coingecko/markets"));
    assertArrayEquals(Files.readAllBytes(TICKERS), onlyFileIn("landing/coinlore/tickers"));
    assertArrayEquals(Files.readAllBytes(CANDLES), onlyFileIn("landing/coinbase/candles"));
  }

  private static byte[] onlyFileIn(String key) throws Exception {
    try (Stream<Path> files = Files.list(s3.bucketDir().resolve(key))) {
      List<Path> json = files.filter(p -> p.toString().endsWith(".json")).toList();
      assertEquals(1, json.size(), key + ": " + json);
      return Files.readAllBytes(json.get(0));
    }
  }

  /** When fetch ran: the landed file's name carries it (fetch reads the wall clock). */
  private static Instant fetchedAt(String key) throws Exception {
    try (Stream<Path> files = Files.list(s3.bucketDir().resolve(key))) {
      return LandingFileName.parse(files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow().toString()).fetchedAt();
    }
  }

  @Test
  void bronzeOhlcvHoldsTheUploadedCsvsAndTheClosedLandedCandles() throws Exception {
    long csvRows = 0;
    for (String coin : COINS) {
      csvRows += Files.readAllLines(SAMPLE.resolve(coin)).size() - 1;
    }
    // The recorded daily candles start 2026-11-19, -20 and -21; one is closed once its day ended before the fetch.
    Instant fetched = fetchedAt("landing/coinbase/candles");
    List<String> closed = new java.util.ArrayList<>();
    Map<String, String> closeByDay = new java.util.TreeMap<>(Map.of(
        "2026-11-19", "92010.11", "2026-11-20", "92370.78", "2026-11-21", "91234.56"));
    closeByDay.forEach((day, close) -> {
      if (!Instant.parse(day + "T00:00:00Z").plus(Duration.ofDays(1)).isAfter(fetched)) {
        closed.add("BTC 1d " + day + " 00:00:00.0 " + close);
      }
    });
    assertEquals(csvRows + closed.size(), lake.read(spark, LakeTable.BRONZE_OHLCV).count());
    List<String> candles = lake.read(spark, LakeTable.BRONZE_OHLCV)
        .where(functions.col(TS).geq(Timestamp.valueOf("2026-01-01 00:00:00")))
        .orderBy(TS).collectAsList().stream()
        .map(r -> r.getAs(SYMBOL) + " " + r.getAs(INTERVAL) + " " + r.getAs(TS) + " " + r.getAs(CLOSE)).toList();
    assertEquals(closed, candles);
    List<String> open = lake.read(spark, LakeTable.QUARANTINE_OHLCV).collectAsList().stream()
        .map(r -> r.getAs(CHECK) + " " + r.getAs(RAW_LINE) + " " + r.getAs(REASON)).toList();
    assertEquals(3 - closed.size(), open.size(), open.toString());
    open.forEach(line -> assertTrue(line.startsWith("candle_open [") && line.contains("candle still open when fetched"), line));
  }

  @Test
  void bothSnapshotApisLandInMarketSnapshotsAtTheirFetchTimes() throws Exception {
    String gecko = Timestamp.from(fetchedAt("landing/coingecko/markets")).toString();
    String lore = Timestamp.from(fetchedAt("landing/coinlore/tickers")).toString();
    List<String> rows = lake.read(spark, LakeTable.SILVER_MARKET_SNAPSHOTS).orderBy(SYMBOL, SNAPSHOT_TS).collectAsList()
        .stream().map(r -> r.getAs(SYMBOL) + " " + r.getAs(SNAPSHOT_TS)).sorted().toList();
    assertEquals(List.of("BTC " + gecko, "BTC " + lore, "ETH " + gecko, "ETH " + lore, "NEWC " + gecko, "USDT " + lore)
        .stream().sorted().toList(), rows);
  }

  @Test
  void theFileLedgerAddsUpForEveryFile() {
    List<Row> ledger = lake.read(spark, LakeTable.OPS_FILE_INGESTS).orderBy(SOURCE_FILE).collectAsList();
    assertEquals(5, ledger.size(), ledger.toString());
    for (Row r : ledger) {
      String file = r.getAs(SOURCE_FILE);
      assertTrue(file.startsWith("s3a://" + s3.bucket() + "/"), file);
      assertEquals("ingested", r.getAs(FILE_STATUS), file);
      long read = r.<Long>getAs(ROWS_READ);
      assertEquals(read, r.<Long>getAs(ROWS_ACCEPTED) + r.<Long>getAs(ROWS_QUARANTINED), file);
      assertTrue(read > 0, file);
    }
  }

  @Test
  void featuresAreWrittenToTheBucket() {
    assertTrue(Files.isDirectory(s3.bucketDir().resolve("lake/gold/features_volatility/_delta_log")));
    long silverBtcEth = lake.read(spark, LakeTable.SILVER_OHLCV).count();
    long features = lake.read(spark, LakeTable.GOLD_FEATURES_VOLATILITY).count();
    assertTrue(features > 0 && features <= silverBtcEth, features + " feature rows from " + silverBtcEth + " silver rows");
  }

  @Test
  void credentialsNeverReachTheConsole() {
    assertFalse(output.contains(S3ProxyServer.SECRET_KEY), "the secret key was printed");
    assertFalse(output.contains(S3ProxyServer.ACCESS_KEY), "the access key was printed");
  }
}
