package io.coinlake.quality;

import static io.coinlake.lake.Columns.*;
import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.testing.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one pass per symbol ({@link SymbolChecks}) against the window functions, on random candles
 * made to hit every corner: duplicate keys from several files and lines (also across intervals),
 * two intervals per symbol, null symbols, ts and closes, NaN, zero and negative closes, glitches
 * and runs of every length. Every pass, detail, failed-check list and reason must be the same.
 */
class SymbolChecksCrossCheckTest {
  private static final StructType SCHEMA = new StructType()
      .add(SYMBOL, "string").add(INTERVAL, "string").add(TS, "timestamp")
      .add(OPEN, "double").add(HIGH, "double").add(LOW, "double").add(CLOSE, "double").add(VOLUME, "double")
      .add(SOURCE_FILE, "string").add(SOURCE_LINE, "long");
  private static final Instant START = Instant.parse("2021-01-01T00:00:00Z");
  private static final Double[] ODD_CLOSES = {null, Double.NaN, 0.0, -0.0, -3.0, 1e-300, 1e300};

  @TempDir
  Path dir;

  @Test
  void theBundledOhlcvContractGivesTheSameRowsBothWays() {
    Contract contract = ContractLoader.load("../conf/contracts/ohlcv.yaml", "ohlcv");
    Dataset<Row> rows = randomCandles(new Random(7), 40);
    assertTrue(SymbolChecks.applies(rows, contract), "the OHLCV contract runs in one pass per symbol");
    assertSameBothWays(rows, contract, List.of("unique_symbol_ts", "no_price_glitch", "price_not_stale"));
  }

  @Test
  void keysWithAndWithoutIntervalAndWarningsGiveTheSameRowsBothWays() throws IOException {
    Path file = dir.resolve("keys.yaml");
    Files.writeString(file, """
        checks:
          - name: symbol_ts_complete
            kind: complete
            columns: [symbol, ts]
            level: error
            threshold: 0.0
          - name: volume_non_negative
            kind: predicate
            predicate: "volume >= 0"
            level: error
            threshold: 0.0
          - name: unique_symbol_interval_ts
            kind: unique
            columns: [symbol, interval, ts]
            level: error
            threshold: 0.0
          - name: unique_symbol_ts_warning
            kind: unique
            columns: [ts, symbol]
            level: warning
            threshold: 0.0
          - name: one_row_per_interval
            kind: unique
            columns: [symbol, interval]
            level: warning
            threshold: 0.0
          - name: big_move
            kind: glitch
            maxAbsLogReturn: 0.5
            level: error
            threshold: 0.0
          - name: flat
            kind: stale
            minRun: 2
            level: warning
            threshold: 0.0
          - name: flat_long
            kind: stale
            minRun: 6
            level: error
            threshold: 0.0
        """);
    Contract contract = ContractLoader.load(file.toString(), "keys");
    Dataset<Row> rows = randomCandles(new Random(11), 30);
    assertTrue(SymbolChecks.applies(rows, contract));
    assertSameBothWays(rows, contract, List.of("unique_symbol_interval_ts", "unique_symbol_ts_warning", "one_row_per_interval",
        "big_move", "flat", "flat_long"));
  }

  @Test
  void aKeyWithoutTheSymbolOrWithOtherColumnsIsLeftToTheWindows() throws IOException {
    Path file = dir.resolve("other.yaml");
    Files.writeString(file, """
        checks:
          - name: unique_ts
            kind: unique
            columns: [ts, interval]
            level: error
            threshold: 0.0
          - name: flat
            kind: stale
            minRun: 2
            level: warning
            threshold: 0.0
        """);
    Dataset<Row> rows = randomCandles(new Random(3), 2);
    assertFalse(SymbolChecks.applies(rows, ContractLoader.load(file.toString(), "other")));
    assertFalse(SymbolChecks.applies(rows, ContractLoader.load("../conf/contracts/market_snapshots.yaml", "market_snapshots")),
        "no sequence checks: nothing to walk");
  }

  /**
   * Both ways give every row the same check columns, and Deequ the same outcomes (the unique checks
   * measured from the pass's key-once flags on one side, by Deequ's own grouping on the other); each
   * named check fails on some rows.
   */
  private static void assertSameBothWays(Dataset<Row> rows, Contract contract, List<String> mustFail) {
    Dataset<Row> annotatedBySymbol = ContractEvaluator.annotate(rows, contract, null, 3, true).cache();
    Dataset<Row> annotatedByWindows = ContractEvaluator.annotate(rows, contract, null, 3, false).cache();
    Map<String, List<Object>> bySymbol = checkColumns(annotatedBySymbol, contract);
    Map<String, List<Object>> byWindows = checkColumns(annotatedByWindows, contract);
    assertEquals(rows.count(), byWindows.size(), "one row out per row in");
    List<String> differing = byWindows.keySet().stream().filter(k -> !byWindows.get(k).equals(bySymbol.get(k))).sorted().toList();
    assertEquals(byWindows.keySet(), bySymbol.keySet());
    assertEquals(List.of(), differing.stream().limit(5).map(k -> k + " windows " + byWindows.get(k) + " one pass " + bySymbol.get(k)).toList());
    List<ConstraintOutcome> deequBySymbol = DeequVerifier.verify(annotatedBySymbol, specs(contract, annotatedBySymbol));
    List<ConstraintOutcome> deequByWindows = DeequVerifier.verify(annotatedByWindows, specs(contract, annotatedByWindows));
    assertTrue(specs(contract, annotatedBySymbol).stream().anyMatch(s -> s.kind() == ConstraintKind.UNIQUENESS && s.predicate() != null),
        "the pass's unique checks are measured from its flags");
    assertTrue(specs(contract, annotatedByWindows).stream().filter(s -> s.kind() == ConstraintKind.UNIQUENESS).allMatch(s -> s.predicate() == null));
    assertEquals(deequByWindows, deequBySymbol);
    assertTrue(deequByWindows.stream().anyMatch(o -> o.message().startsWith("uniqueness(") && o.metric() < 1.0), "a key occurs twice");
    for (String check : mustFail) {
      long failing = byWindows.values().stream().filter(v -> ((List<?>) v.get(0)).contains(check)
          || ((List<?>) v.get(1)).contains(check)).count();
      assertTrue(failing > 0, check + " fails on some rows of the random data");
    }
  }

  private static List<ConstraintSpec> specs(Contract contract, Dataset<Row> annotated) {
    List<ConstraintSpec> specs = new ArrayList<>();
    contract.checks().forEach(c -> specs.addAll(DeequSpecs.of(c, List.of(annotated.columns()))));
    return specs;
  }

  /** Per row (source file:line): failed errors, failed warnings, reasons, then each check's pass and detail. */
  private static Map<String, List<Object>> checkColumns(Dataset<Row> annotated, Contract contract) {
    Map<String, List<Object>> out = new HashMap<>();
    for (Row r : annotated.collectAsList()) {
      List<Object> values = new ArrayList<>();
      values.add(r.getList(r.fieldIndex(ContractEvaluator.FAILED_ERRORS)));
      values.add(r.getList(r.fieldIndex(ContractEvaluator.FAILED_WARNINGS)));
      values.add(r.getAs(ContractEvaluator.REASONS));
      for (ContractCheck c : contract.checks()) {
        values.add(r.getAs(c.passColumn()));
      }
      assertNull(out.put(r.getAs(SOURCE_FILE) + ":" + r.getAs(SOURCE_LINE), values), "source lines are unique");
    }
    return out;
  }

  private static Dataset<Row> randomCandles(Random random, int symbols) {
    List<Row> rows = new ArrayList<>();
    for (int s = 0; s < symbols; s++) {
      String symbol = s == 0 ? null : "S" + s;
      int days = 1 + random.nextInt(60);
      double close = 100;
      for (int d = 0; d < days; d++) {
        double roll = random.nextDouble();
        if (roll < 0.4) {
          // keep the close: runs
        } else if (roll < 0.5) {
          close = close * Math.exp(random.nextBoolean() ? 2.5 : -2.5); // a glitch, or the move back
        } else {
          close = Math.max(1e-6, close * Math.exp(random.nextGaussian() * 0.2));
        }
        Double written = random.nextDouble() < 0.05 ? ODD_CLOSES[random.nextInt(ODD_CLOSES.length)] : Double.valueOf(close);
        int copies = random.nextDouble() < 0.1 ? 2 + random.nextInt(2) : 1;
        for (int k = 0; k < copies; k++) {
          String interval = random.nextDouble() < 0.15 ? "1h" : "1d";
          Timestamp ts = random.nextDouble() < 0.03 ? null : Timestamp.from(START.plusSeconds(86400L * d));
          // (source file, source line) tells every row apart, as in bronze, with nulls on either side
          double source = random.nextDouble();
          String file = source < 0.05 ? null : source < 0.1 ? "g" + rows.size() + ".csv" : "f" + random.nextInt(3) + ".csv";
          Long line = source >= 0.05 && source < 0.1 ? null : (long) random.nextInt(5) * 100_000 + rows.size();
          double volume = random.nextDouble() < 0.05 ? -1.0 : 10.0;
          rows.add(RowFactory.create(symbol, interval, ts, written, written, written, written, volume, file, line));
        }
      }
    }
    return SparkTestSession.get().createDataFrame(rows, SCHEMA).repartition(4);
  }
}
