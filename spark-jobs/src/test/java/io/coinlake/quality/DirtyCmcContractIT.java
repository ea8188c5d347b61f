package io.coinlake.quality;

import static io.coinlake.lake.Columns.*;
import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.ConfigLoader;
import io.coinlake.config.LogicalWindow;
import io.coinlake.ingest.CsvLine;
import io.coinlake.ingest.IngestJob;
import io.coinlake.ingest.IngestResult;
import io.coinlake.lake.Lake;
import io.coinlake.lake.LakeTable;
import io.coinlake.lake.RecordKind;
import io.coinlake.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deliberately dirty CoinMarketCap export must not pass silently: coins' pre-listing rows are
 * copies of other coins' rows, and 243 rows per coin have zero volume. Expected counts are
 * recomputed here from the raw CSV with plain Java, independently of the Spark code.
 */
class DirtyCmcContractIT {
  private static final Path FILE = Path.of("src/test/resources/data/daily_multicoin_cmc/consolidated_coin_data.csv");

  @TempDir
  static Path dir;
  static IngestResult ingest;
  static ContractViolationException violation;
  static Lake lake;
  static CoinlakeConfig config;

  @BeforeAll
  static void ingestAndValidate() {
    SparkSession spark = SparkTestSession.get();
    config = ConfigLoader.load(null, List.of(
        "lake.root=" + dir.resolve("lake"),
        "ingest.ohlcv.sources=[{path: " + FILE.toAbsolutePath().getParent() + ", glob: 'consolidated_coin_data.csv', layout: cmc_consolidated}]",
        "ingest.snapshots.sources=[]", "ingest.ticks.sources=[]", "quality.contractsDir=../conf/contracts"));
    lake = new Lake(config.lake().root());
    ingest = IngestJob.run(spark, config, false);
    violation = assertThrows(ContractViolationException.class, () -> ValidateJob.run(spark, config, RecordKind.OHLCV, LogicalWindow.all()));
  }

  @Test
  void aLogicalDateBeforeTheFirstRowHasNothingToCheckAndFailsNothing() {
    ValidationReport report = ValidateJob.run(SparkTestSession.get(), config, RecordKind.OHLCV,
        LogicalWindow.asOf(java.time.LocalDate.parse("2000-01-01")));
    assertEquals(0, report.rowsIn());
    assertFalse(report.checks().isEmpty());
    for (CheckResult check : report.checks()) {
      assertEquals(CheckResult.NO_ROWS, check.status(), check.toString());
      assertEquals("no rows in the window; nothing to check", check.message());
    }
    assertEquals(List.of(), report.failedErrorChecks());
  }

  /** Rows whose (date, open, high, low, close) also appears under another currency, counted on the raw text. */
  private static long copiedRows() throws Exception {
    Map<String, Set<String>> owners = new HashMap<>();
    List<String> lines = Files.readAllLines(FILE);
    for (String line : lines.subList(1, lines.size())) {
      List<String> f = CsvLine.split(line);
      owners.computeIfAbsent(String.join("|", f.get(1), f.get(2), f.get(3), f.get(4), f.get(5)), k -> new HashSet<>()).add(f.get(0));
    }
    return owners.values().stream().filter(s -> s.size() > 1).mapToLong(Set::size).sum();
  }

  /** Lines repeating a (currency, date) already seen: ingest keeps one and quarantines the rest. */
  private static long repeatedKeys() throws Exception {
    Map<String, Integer> seen = new HashMap<>();
    Files.readAllLines(FILE).stream().skip(1).map(CsvLine::split).forEach(f -> seen.merge(f.get(0) + "|" + f.get(1), 1, Integer::sum));
    return seen.values().stream().mapToLong(n -> n - 1).sum();
  }

  @Test
  void repeatedDatesOfACoinAreQuarantinedAtIngest() throws Exception {
    assertEquals(4, repeatedKeys(), "tether and bitcoin-cash each list 25-Feb-15 and 26-Feb-15 twice");
    assertEquals(repeatedKeys(), lake.read(SparkTestSession.get(), LakeTable.QUARANTINE_OHLCV)
        .where("stage = 'ingest' AND check = 'duplicate_key'").count());
  }

  @Test
  void theBatchFailsTheContractOnCopiedRowsAndSaysWhy() throws Exception {
    // the repeated dates are copies too, and were already quarantined at ingest
    double share = 1.0 - (double) (copiedRows() - repeatedKeys()) / (ingest.rowsRead() - repeatedKeys());
    String expected = String.format("contract ohlcv: check not_copied_from_other_symbol passed for %.4f of rows, below its threshold 0.9500", share);
    assertTrue(violation.getMessage().startsWith(expected), violation.getMessage() + " vs " + expected);
  }

  @Test
  void everyCopiedRowIsQuarantinedWithTheOtherSymbolsNamed() throws Exception {
    long copies = copiedRows();
    assertTrue(copies > 10_000, "the file is known to hold many copied rows, found " + copies);

    var quarantine = lake.read(SparkTestSession.get(), LakeTable.QUARANTINE_OHLCV);
    assertEquals(copies - repeatedKeys(), quarantine.where("reason LIKE '%not_copied_from_other_symbol%'").count());
    Row bch = quarantine.where("symbol = 'BITCOIN-CASH' AND ts = TIMESTAMP '2013-04-28 00:00:00'").first();
    assertEquals("not_copied_from_other_symbol", bch.getAs(CHECK));
    assertTrue(bch.<String>getAs(REASON).contains("same ts and OHLC as BITCOIN,ETHEREUM,TETHER,XRP"), bch.<String>getAs(REASON));
  }

  @Test
  void zeroVolumeRowsAreFlaggedOrQuarantinedNeverSilent() throws Exception {
    long zeroVolume = Files.readAllLines(FILE).stream().skip(1).map(CsvLine::split).filter(f -> f.get(6).equals("0")).count();
    assertEquals(12 * 243, zeroVolume);
    SparkSession spark = SparkTestSession.get();
    long warned = lake.read(spark, LakeTable.SILVER_OHLCV).where("volume = 0 AND array_contains(quality_warnings, 'volume_positive')").count();
    long silentZero = lake.read(spark, LakeTable.SILVER_OHLCV).where("volume = 0 AND NOT array_contains(quality_warnings, 'volume_positive')").count();
    long quarantinedZero = lake.read(spark, LakeTable.QUARANTINE_OHLCV).where("raw_line LIKE '%\"volume\":0.0%'").count();
    assertEquals(0, silentZero);
    assertEquals(zeroVolume, warned + quarantinedZero);
  }

  @Test
  void nothingIsLost() throws Exception {
    long lines = Files.readAllLines(FILE).size() - 1;
    SparkSession spark = SparkTestSession.get();
    assertEquals(lines, ingest.rowsRead());
    long silver = lake.read(spark, LakeTable.SILVER_OHLCV).count();
    long quarantined = lake.read(spark, LakeTable.QUARANTINE_OHLCV).count();
    assertEquals(lines, silver + quarantined);
    assertTrue(silver > 0, "good rows are still processed");
    String report = Files.readString(dir.resolve("lake/_reports/validation/ohlcv_all.json"));
    assertTrue(report.contains("\"rowsIn\" : " + (lines - repeatedKeys())), report.substring(0, 200));
  }
}
