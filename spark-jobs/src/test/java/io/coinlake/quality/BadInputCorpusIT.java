package io.coinlake.quality;

import static io.coinlake.lake.Columns.*;
import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.cli.CoinlakeMain;
import io.coinlake.lake.Lake;
import io.coinlake.lake.LakeTable;
import io.coinlake.testing.SparkTestSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file of the bad-input corpus (src/test/resources/bad_inputs, see its README) either lands,
 * is quarantined with a reason, or is stopped with a one-line error; good files beside bad ones
 * land; the console shows no stack trace.
 */
class BadInputCorpusIT {
  private static final Path CORPUS = Path.of("src/test/resources/bad_inputs").toAbsolutePath();
  /** The corpus's landing zone as ingest prints it (relative to the working directory). */
  private static final String LANDING = "src/test/resources/bad_inputs/landing/";
  private static final String GECKO = "landing/coingecko/markets/";
  private static final String LORE = "landing/coinlore/tickers/";
  private static final String CANDLES = "landing/coinbase/candles/";

  @TempDir
  static Path dir;
  static String ingestOutput;
  static String validateOutput;
  static int ingestExit;
  static int validateExit;

  @BeforeAll
  static void ingestAndValidate() throws Exception {
    System.setProperty("spark.master", "local[2]");
    Path config = dir.resolve("corpus.yaml");
    Files.writeString(config, String.join("\n",
        "lake: {root: " + dir.resolve("lake") + "}",
        "ingest:",
        "  ohlcv: {interval: 1d, sources: [{path: " + CORPUS.resolve("ohlcv") + ", glob: '*.csv', layout: kaggle}]}",
        "  snapshots: {sources: [{path: " + CORPUS.resolve("snapshots") + ", glob: '*.csv', percentUnit: fraction}]}",
        "  ticks: {sources: [{path: " + CORPUS.resolve("ticks") + ", glob: '*.ndjson'}]}",
        "landing: {root: " + CORPUS.resolve("landing") + "}",
        "quality: {contractsDir: ../conf/contracts}", ""));
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream both = new PrintStream(captured, true);
    System.setOut(both);
    System.setErr(both);
    try {
      ingestExit = CoinlakeMain.execute("ingest", "--config", config.toString());
      ingestOutput = captured.toString();
      captured.reset();
      validateExit = CoinlakeMain.execute("validate", "--config", config.toString());
      validateOutput = captured.toString();
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    out.println(ingestOutput + validateOutput);
  }

  private static Lake lake() {
    return new Lake(dir.resolve("lake").toString());
  }

  private static String file(String relative) {
    return "file:" + CORPUS.resolve(relative);
  }

  /** file -> status|read|bronze|quarantined|error prefix, from ops.file_ingests. */
  private static Map<String, String> ledger() {
    Map<String, String> out = new TreeMap<>();
    for (Row r : lake().read(SparkTestSession.get(), LakeTable.OPS_FILE_INGESTS).collectAsList()) {
      String error = r.getAs(FILE_ERROR);
      out.put(r.<String>getAs(SOURCE_FILE).substring(("file:" + CORPUS + "/").length()), String.join("|", r.<String>getAs(FILE_STATUS),
          "" + r.<Long>getAs(ROWS_READ), "" + r.<Long>getAs(ROWS_ACCEPTED), "" + r.<Long>getAs(ROWS_QUARANTINED),
          error == null ? "" : error.substring(0, Math.min(30, error.length()))));
    }
    return out;
  }

  /** source line -> "stage:check" for one file's quarantined rows. */
  private static Map<Long, String> quarantined(LakeTable table, String relative) {
    Map<Long, String> out = new TreeMap<>();
    for (Row r : lake().read(SparkTestSession.get(), table).where("source_file = '" + file(relative) + "'").collectAsList()) {
      out.put(r.<Long>getAs(SOURCE_LINE), r.<String>getAs(STAGE) + ":" + r.<String>getAs(CHECK));
    }
    return out;
  }

  /** The quarantine reason of one file's line (the line must hold exactly one quarantined record). */
  private static String reason(LakeTable table, String relative, long line) {
    List<Row> rows = lake().read(SparkTestSession.get(), table)
        .where("source_file = '" + file(relative) + "' AND source_line = " + line).collectAsList();
    assertEquals(1, rows.size(), relative + " line " + line);
    return rows.get(0).getAs(REASON);
  }

  @Test
  void ingestSucceedsAndNamesEveryUnreadableFileOnOneLine() {
    assertEquals(0, ingestExit, ingestOutput);
    assertTrue(ingestOutput.contains("ERROR cannot read src/test/resources/bad_inputs/ohlcv/empty.csv: file is empty (0 bytes); remove it or export it again"), ingestOutput);
    assertTrue(ingestOutput.contains("ERROR cannot read src/test/resources/bad_inputs/ohlcv/missing_close.csv: header lacks column(s) [Close]; "
        + "found [SNo, Name, Symbol, Date, High, Low, Open, Volume, Marketcap]"), ingestOutput);
    assertTrue(ingestOutput.contains("ERROR cannot read src/test/resources/bad_inputs/snapshots/utf16.csv: file is not valid UTF-8"), ingestOutput);
    assertTrue(ingestOutput.contains("ERROR cannot read src/test/resources/bad_inputs/ticks/gzipped.ndjson: file is not valid UTF-8"), ingestOutput);
    assertTrue(ingestOutput.contains("ERROR cannot read src/test/resources/bad_inputs/ticks/._good_classic.ndjson: the file name starts with '.',"
        + " so Hadoop treats it as hidden and it cannot be read; rename it if it holds data, or remove it (a macOS ._ file holds only metadata)"),
        ingestOutput);
    assertTrue(ingestOutput.contains("ERROR cannot read " + LANDING + "coingecko/markets/markets.json: the file name 'markets.json' does not carry"
        + " the fetch time (expected <yyyyMMdd>T<HHmmss.SSS>Z[_part...].json as written by coinlake fetch); land API files with coinlake fetch"),
        ingestOutput);
    assertTrue(ingestOutput.contains("ERROR cannot read " + LANDING + "coingecko/markets/20240105T140000.000Z_p1.json: wrong JSON shape:"
        + " the document is an object, expected a JSON array of coin objects (CoinGecko /coins/markets); check the API endpoint the file came from"),
        ingestOutput);
    assertTrue(ingestOutput.contains("ERROR cannot read " + LANDING + "coinbase/candles/20240105T140000.000Z_BTC-USD_86400.json: truncated or invalid JSON"
        + " at line 1, column "), ingestOutput);
    assertTrue(ingestOutput.contains("21 files ingested, 0 skipped as already ingested, 17 unreadable"), ingestOutput);
    assertFalse(ingestOutput.contains("\tat "), "no stack trace on the console");
    assertFalse(validateOutput.contains("\tat "), "no stack trace on the console");
  }

  @Test
  void everyFileHasTheExactOutcome() {
    Map<String, String> expected = new TreeMap<>(Map.ofEntries(
        Map.entry("ohlcv/bad_values.csv", "ingested|6|3|3|"),
        Map.entry("ohlcv/empty.csv", "unreadable|0|0|0|file is empty (0 bytes); remov"),
        Map.entry("ohlcv/good_coin.csv", "ingested|3|3|0|"),
        Map.entry("ohlcv/gzipped.csv", "unreadable|0|0|0|file is not valid UTF-8 (binar"),
        Map.entry("ohlcv/latin1.csv", "unreadable|0|0|0|file is not valid UTF-8 (binar"),
        Map.entry("ohlcv/missing_close.csv", "unreadable|0|0|0|header lacks column(s) [Close]"),
        Map.entry("ohlcv/truncated.csv", "ingested|3|2|1|"),
        Map.entry("snapshots/bad_values.csv", "ingested|5|3|2|"),
        Map.entry("snapshots/empty.csv", "unreadable|0|0|0|file is empty (0 bytes); remov"),
        Map.entry("snapshots/good.csv", "ingested|3|3|0|"),
        Map.entry("snapshots/missing_price.csv", "unreadable|0|0|0|header lacks required column(s"),
        Map.entry("snapshots/new_column.csv", "ingested|1|1|0|"),
        Map.entry("snapshots/truncated.csv", "ingested|2|1|1|"),
        Map.entry("snapshots/utf16.csv", "unreadable|0|0|0|file is not valid UTF-8 (binar"),
        Map.entry("ticks/._good_classic.ndjson", "unreadable|0|0|0|the file name starts with '.',"),
        Map.entry("ticks/bad_values.ndjson", "ingested|6|6|0|"),
        Map.entry("ticks/duplicate.ndjson", "ingested|3|2|1|"),
        Map.entry("ticks/empty.ndjson", "unreadable|0|0|0|file is empty (0 bytes); remov"),
        Map.entry("ticks/good_advanced.ndjson", "ingested|5|5|0|"),
        Map.entry("ticks/good_classic.ndjson", "ingested|4|4|0|"),
        Map.entry("ticks/gzipped.ndjson", "unreadable|0|0|0|file is not valid UTF-8 (binar"),
        Map.entry("ticks/malformed_line.ndjson", "ingested|3|2|1|"),
        Map.entry("ticks/truncated.ndjson", "ingested|3|2|1|"),
        Map.entry("ticks/wrong_type.ndjson", "ingested|4|2|2|"),
        Map.entry(GECKO + "20240105T120000.000Z_p1.json", "ingested|2|2|0|"),
        Map.entry(GECKO + "20240105T120000.000Z_p2.json", "ingested|0|0|0|"),
        Map.entry(GECKO + "20240105T130000.000Z_p1.json", "unreadable|0|0|0|truncated or invalid JSON at l"),
        Map.entry(GECKO + "20240105T140000.000Z_p1.json", "unreadable|0|0|0|wrong JSON shape: the document"),
        Map.entry(GECKO + "20240105T150000.000Z_p1.json", "ingested|2|1|1|"),
        Map.entry(GECKO + "markets.json", "unreadable|0|0|0|the file name 'markets.json' d"),
        Map.entry(LORE + "20240105T120000.456Z.json", "ingested|2|2|0|"),
        Map.entry(LORE + "20240105T130000.000Z.json", "unreadable|0|0|0|wrong JSON shape: the object h"),
        Map.entry(LORE + "20240105T140000.000Z.json", "ingested|2|1|1|"),
        Map.entry(CANDLES + "20240105T120000.000Z_BTC-USD_86400.json", "ingested|4|3|1|"),
        Map.entry(CANDLES + "20240105T130000.000Z_ETH-USD_86400.json", "ingested|3|2|1|"),
        Map.entry(CANDLES + "20240105T140000.000Z_BTC-USD_86400.json", "unreadable|0|0|0|truncated or invalid JSON at l"),
        Map.entry(CANDLES + "20240105T150000.000Z_DOGE-USD_86400.json", "unreadable|0|0|0|wrong JSON shape: the document"),
        Map.entry(CANDLES + "20240105T160000.000Z.json", "unreadable|0|0|0|the file name does not say the")));
    assertEquals(expected, ledger());
  }

  @Test
  void badRowsAreQuarantinedWithTheirCheck() {
    assertEquals(Map.of(2L, "ingest:duplicate_key", 3L, "ingest:unreadable", 4L, "validate:prices_positive",
        5L, "validate:high_low_bound_open_close", 6L, "ingest:unreadable"), quarantined(LakeTable.QUARANTINE_OHLCV, "ohlcv/bad_values.csv"));
    assertEquals(Map.of(4L, "ingest:unreadable"), quarantined(LakeTable.QUARANTINE_OHLCV, "ohlcv/truncated.csv"));
    assertEquals(Map.of(3L, "ingest:unreadable", 4L, "validate:price_positive", 5L, "validate:changes_above_minus_100_percent",
        6L, "ingest:unreadable"), quarantined(LakeTable.QUARANTINE_MARKET_SNAPSHOTS, "snapshots/bad_values.csv"));
    Row unterminated = lake().read(SparkTestSession.get(), LakeTable.QUARANTINE_MARKET_SNAPSHOTS)
        .where("source_file = '" + file("snapshots/bad_values.csv") + "' AND source_line = 6").first();
    assertEquals("malformed CSV: unterminated quoted field", unterminated.getAs(REASON));
  }

  @Test
  void badTicksAreQuarantinedWithTheirLineAndCheck() {
    assertEquals(Map.of(2L, "ingest:unreadable"), quarantined(LakeTable.QUARANTINE_TICKS, "ticks/malformed_line.ndjson"));
    assertTrue(reason(LakeTable.QUARANTINE_TICKS, "ticks/malformed_line.ndjson", 2).startsWith("malformed JSON at column 58: Unexpected character ('\"' (code 34)): was expecting comma"),
        reason(LakeTable.QUARANTINE_TICKS, "ticks/malformed_line.ndjson", 2));
    assertEquals(Map.of(1L, "ingest:duplicate_key"), quarantined(LakeTable.QUARANTINE_TICKS, "ticks/duplicate.ndjson"));
    assertEquals(Map.of(2L, "ingest:unreadable", 3L, "ingest:unreadable"), quarantined(LakeTable.QUARANTINE_TICKS, "ticks/wrong_type.ndjson"));
    assertEquals("field price is not a number: 'abc'", reason(LakeTable.QUARANTINE_TICKS, "ticks/wrong_type.ndjson", 2));
    assertEquals("events[0].tickers[0]: field price is not a number: 'abc'", reason(LakeTable.QUARANTINE_TICKS, "ticks/wrong_type.ndjson", 3));
    assertEquals(Map.of(3L, "ingest:unreadable"), quarantined(LakeTable.QUARANTINE_TICKS, "ticks/truncated.ndjson"));
    assertTrue(reason(LakeTable.QUARANTINE_TICKS, "ticks/truncated.ndjson", 3).startsWith("malformed JSON at column "),
        reason(LakeTable.QUARANTINE_TICKS, "ticks/truncated.ndjson", 3));
    assertEquals(Map.of(2L, "validate:price_positive", 3L, "validate:book_not_crossed", 4L, "validate:size_non_negative",
        5L, "validate:required_columns_complete"), quarantined(LakeTable.QUARANTINE_TICKS, "ticks/bad_values.ndjson"));
    assertEquals(Map.of(), quarantined(LakeTable.QUARANTINE_TICKS, "ticks/good_classic.ndjson"));
    assertEquals(Map.of(), quarantined(LakeTable.QUARANTINE_TICKS, "ticks/good_advanced.ndjson"));
  }

  @Test
  void badLandedElementsAreQuarantinedWithTheirLineAndCheck() {
    assertEquals(Map.of(13L, "ingest:unreadable"), quarantined(LakeTable.QUARANTINE_MARKET_SNAPSHOTS, GECKO + "20240105T150000.000Z_p1.json"));
    assertEquals("'current_price' is missing", reason(LakeTable.QUARANTINE_MARKET_SNAPSHOTS, GECKO + "20240105T150000.000Z_p1.json", 13));
    assertEquals(Map.of(3L, "ingest:unreadable"), quarantined(LakeTable.QUARANTINE_MARKET_SNAPSHOTS, LORE + "20240105T140000.000Z.json"));
    assertEquals("'price_usd' is not a number: \"n/a\"", reason(LakeTable.QUARANTINE_MARKET_SNAPSHOTS, LORE + "20240105T140000.000Z.json", 3));
    assertEquals(Map.of(2L, "ingest:candle_open"), quarantined(LakeTable.QUARANTINE_OHLCV, CANDLES + "20240105T120000.000Z_BTC-USD_86400.json"));
    assertEquals("candle still open when fetched: 1d from 2024-01-05T00:00:00Z ends 2024-01-06T00:00:00Z, fetched 2024-01-05T12:00:00Z;"
        + " the next fetch after it closes brings it", reason(LakeTable.QUARANTINE_OHLCV, CANDLES + "20240105T120000.000Z_BTC-USD_86400.json", 2));
    assertEquals(Map.of(3L, "ingest:unreadable"), quarantined(LakeTable.QUARANTINE_OHLCV, CANDLES + "20240105T130000.000Z_ETH-USD_86400.json"));
    assertEquals("'volume' (index 5) is missing: a candle has 6 values [time, low, high, open, close, volume]",
        reason(LakeTable.QUARANTINE_OHLCV, CANDLES + "20240105T130000.000Z_ETH-USD_86400.json", 3));
  }

  @Test
  void validateFailsOnTheBrokenContractsWithOneLineAfterWritingTheGoodRows() {
    assertEquals(1, validateExit, validateOutput);
    assertTrue(validateOutput.contains("contract ohlcv: check prices_positive passed for"), validateOutput);
    assertTrue(validateOutput.contains("; error checks also failed in contract market_snapshots [price_positive, changes_above_minus_100_percent],"
        + " contract ticks [required_columns_complete, price_positive, book_not_crossed, size_non_negative] (their reports are beside it)"),
        validateOutput);
    var silverOhlcv = lake().read(SparkTestSession.get(), LakeTable.SILVER_OHLCV);
    assertEquals(3, silverOhlcv.where("symbol = 'GOOD'").count(), "good files beside bad ones land");
    assertEquals(2, silverOhlcv.where("symbol = 'TRN'").count());
    assertEquals(1, silverOhlcv.where("symbol = 'BAD'").count());
    var silverSnapshots = lake().read(SparkTestSession.get(), LakeTable.SILVER_MARKET_SNAPSHOTS);
    assertEquals(List.of("BTC", "ETH", "SAI"), silverSnapshots.where("snapshot_ts = '2022-03-16'").orderBy(SYMBOL)
        .select(SYMBOL).collectAsList().stream().map(r -> r.getString(0)).toList());
    assertEquals(1, silverSnapshots.where("snapshot_ts = '2022-03-20'").count());
    assertEquals(List.of("coingecko_markets|2024-01-05 12:00:00.0|BTC|0.0012", "coingecko_markets|2024-01-05 12:00:00.0|ETH|-8.0E-4",
            "coingecko_markets|2024-01-05 15:00:00.0|ADA|0.003", "coinlore_tickers|2024-01-05 12:00:00.456|BTC|0.0011",
            "coinlore_tickers|2024-01-05 12:00:00.456|ETH|-7.0E-4", "coinlore_tickers|2024-01-05 14:00:00.0|ADA|0.0029"),
        silverSnapshots.where("snapshot_ts >= '2024-01-01'").orderBy(FEED, SNAPSHOT_TS, SYMBOL).collectAsList().stream()
            .map(r -> r.getAs(FEED) + "|" + r.getAs(SNAPSHOT_TS) + "|" + r.getAs(SYMBOL) + "|" + Math.round(r.<Double>getAs(CHANGE_1H) * 1e6) / 1e6)
            .toList());
    assertEquals(List.of("BTC|2024-01-02 00:00:00.0|45010.0", "BTC|2024-01-03 00:00:00.0|42840.1", "BTC|2024-01-04 00:00:00.0|44151.3",
            "ETH|2024-01-02 00:00:00.0|2370.8", "ETH|2024-01-04 00:00:00.0|2268.9"),
        silverOhlcv.where("ts >= '2024-01-01' AND interval = '1d'").orderBy(SYMBOL, TS).collectAsList().stream()
            .map(r -> r.getAs(SYMBOL) + "|" + r.getAs(TS) + "|" + r.getAs(CLOSE)).toList());
  }

  @Test
  void goodTicksBesideBadOnesLandAndMakeBars() {
    assertTrue(validateOutput.contains("contract ticks            rows in 23, accepted 19, quarantined 4 {required_columns_complete=1,"
        + " price_positive=1, book_not_crossed=1, size_non_negative=1}; warnings {price_near_mid=2}"), validateOutput);
    var silverTicks = lake().read(SparkTestSession.get(), LakeTable.SILVER_TICKS);
    Map<String, Long> perFile = new TreeMap<>();
    for (Row r : silverTicks.groupBy(SOURCE_FILE).count().collectAsList()) {
      perFile.put(r.getString(0).substring(("file:" + CORPUS + "/").length()), r.getLong(1));
    }
    assertEquals(Map.of("ticks/bad_values.ndjson", 2L, "ticks/duplicate.ndjson", 2L, "ticks/good_advanced.ndjson", 5L,
        "ticks/good_classic.ndjson", 4L, "ticks/malformed_line.ndjson", 2L, "ticks/truncated.ndjson", 2L, "ticks/wrong_type.ndjson", 2L), perFile);
    assertEquals(List.of("classic", "advanced_trade"), silverTicks.where("source_file = '" + file("ticks/wrong_type.ndjson") + "'")
        .orderBy(SEQUENCE).select(FEED).collectAsList().stream().map(r -> r.getString(0)).toList());
    Row offMid = silverTicks.where("source_file = '" + file("ticks/bad_values.ndjson") + "' AND source_line = 6").first();
    assertEquals(List.of("price_near_mid"), offMid.getList(offMid.fieldIndex(QUALITY_WARNINGS)));
    assertEquals(List.of("2021-04-17 16:51:00.0|2|2350.1|2350.4|2.0", "2026-08-09 21:05:00.0|3|1919.41|1919.45|null"),
        lake().read(SparkTestSession.get(), LakeTable.SILVER_TICK_BARS).where("product = 'ETH-USD'").orderBy(BAR_START).collectAsList().stream()
            .map(r -> r.getAs(BAR_START) + "|" + r.getAs(TRADE_COUNT) + "|" + r.getAs(OPEN) + "|" + r.getAs(CLOSE) + "|" + r.getAs(VOLUME)).toList());
  }

  @Test
  void aNewOptionalColumnReachesBronzeBySchemaEvolution() {
    Row btc = lake().read(SparkTestSession.get(), LakeTable.BRONZE_MARKET_SNAPSHOTS).where("snapshot_ts = '2022-03-21'").first();
    assertEquals(0.12, btc.<Double>getAs("c_30d"), 1e-12);
    assertEquals(69000.0, btc.<Double>getAs("ath"), 1e-9);
    Row older = lake().read(SparkTestSession.get(), LakeTable.BRONZE_MARKET_SNAPSHOTS).where("snapshot_ts = '2022-03-16' AND symbol = 'BTC'").first();
    assertNull(older.getAs("ath"));
  }
}
