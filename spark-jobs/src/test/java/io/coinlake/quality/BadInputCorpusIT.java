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
        "  ticks: {sources: []}",
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

  @Test
  void ingestSucceedsAndNamesEveryUnreadableFileOnOneLine() {
    assertEquals(0, ingestExit, ingestOutput);
    assertTrue(ingestOutput.contains("ERROR cannot read src/test/resources/bad_inputs/ohlcv/empty.csv: file is empty (0 bytes); remove it or export it again"), ingestOutput);
    assertTrue(ingestOutput.contains("ERROR cannot read src/test/resources/bad_inputs/ohlcv/missing_close.csv: header lacks column(s) [Close]; "
        + "found [SNo, Name, Symbol, Date, High, Low, Open, Volume, Marketcap]"), ingestOutput);
    assertTrue(ingestOutput.contains("ERROR cannot read src/test/resources/bad_inputs/snapshots/utf16.csv: file is not valid UTF-8"), ingestOutput);
    assertTrue(ingestOutput.contains("7 files ingested, 0 skipped as already ingested, 7 unreadable"), ingestOutput);
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
        Map.entry("snapshots/utf16.csv", "unreadable|0|0|0|file is not valid UTF-8 (binar")));
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
  void validateFailsOnTheBrokenContractsWithOneLineAfterWritingTheGoodRows() {
    assertEquals(1, validateExit, validateOutput);
    assertTrue(validateOutput.contains("contract ohlcv: check prices_positive passed for"), validateOutput);
    var silverOhlcv = lake().read(SparkTestSession.get(), LakeTable.SILVER_OHLCV);
    assertEquals(3, silverOhlcv.where("symbol = 'GOOD'").count(), "good files beside bad ones land");
    assertEquals(2, silverOhlcv.where("symbol = 'TRN'").count());
    assertEquals(1, silverOhlcv.where("symbol = 'BAD'").count());
    var silverSnapshots = lake().read(SparkTestSession.get(), LakeTable.SILVER_MARKET_SNAPSHOTS);
    assertEquals(List.of("BTC", "ETH", "SAI"), silverSnapshots.where("snapshot_ts = '2022-03-16'").orderBy(SYMBOL)
        .select(SYMBOL).collectAsList().stream().map(r -> r.getString(0)).toList());
    assertEquals(1, silverSnapshots.where("snapshot_ts = '2022-03-20'").count());
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
