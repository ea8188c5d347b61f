package io.coinlake.quality;

import static io.coinlake.lake.Columns.*;
import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.testing.SparkTestSession;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The shipped OHLCV contract on hand-made good and bad rows. */
class ContractEvaluatorTest {
  private static final Contract CONTRACT = ContractLoader.load("../conf/contracts/ohlcv.yaml", "ohlcv");
  private static final StructType SCHEMA = new StructType()
      .add(SYMBOL, "string").add(INTERVAL, "string").add(TS, "timestamp")
      .add(OPEN, "double").add(HIGH, "double").add(LOW, "double").add(CLOSE, "double").add(VOLUME, "double")
      .add(SOURCE_FILE, "string").add(SOURCE_LINE, "long");

  private static final List<Row> ROWS = new ArrayList<>();

  private static void add(String symbol, int day, Double open, Double high, Double low, Double close, Double volume) {
    ROWS.add(RowFactory.create(symbol, "1d", Timestamp.from(Instant.parse("2021-01-01T00:00:00Z").plusSeconds(86400L * day)),
        open, high, low, close, volume, "f.csv", (long) ROWS.size() + 2));
  }

  static {
    add("GOOD", 0, 10.0, 11.0, 9.0, 10.5, 100.0);
    add("GOOD", 1, 10.5, 11.0, 10.0, 10.8, 0.0);          // zero volume: warning only
    add("BAD", 0, -1.0, 11.0, 9.0, 10.0, 5.0);            // negative open
    add("BAD", 1, 10.0, 10.2, 9.0, 10.5, 5.0);            // high below close
    add("BAD", 2, 10.0, 11.0, 9.0, 10.5, null);           // missing volume
    add("BAD", 3, 10.0, 11.0, 9.0, 10.5, -3.0);           // negative volume
    add("SPIKE", 0, 1.0, 1.1, 0.9, 1.0, 1.0);
    add("SPIKE", 1, 1.0, 10.5, 1.0, 10.0, 1.0);           // x10: glitch
    add("SPIKE", 2, 10.0, 10.0, 0.9, 1.0, 1.0);           // the move back: not a glitch
    add("SPIKE", 3, 1.0, 1.1, 0.9, 1.05, 1.0);
    for (int d = 0; d < 6; d++) {
      add("FLAT", d, 1.0, 1.0, 1.0, 1.0, 1.0);            // 6 equal closes: the 5 repeats are stale
    }
    add("FLAT", 6, 1.0, 1.2, 1.0, 1.1, 1.0);
    add("COPY", 0, 10.0, 11.0, 9.0, 10.5, 100.0);         // same ts and OHLC as GOOD day 0
  }

  private Map<String, String> failuresByRow() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> in = spark.createDataFrame(ROWS, SCHEMA);
    Map<String, String> out = new TreeMap<>();
    for (Row r : ContractEvaluator.annotate(in, CONTRACT).orderBy(SYMBOL, TS).collectAsList()) {
      String key = r.getAs(SYMBOL) + "@" + r.<Timestamp>getAs(TS).toInstant().toString().substring(0, 10);
      out.put(key, r.getList(r.fieldIndex(ContractEvaluator.FAILED_ERRORS)) + "|" + r.getList(r.fieldIndex(ContractEvaluator.FAILED_WARNINGS)));
    }
    return out;
  }

  @Test
  void everyBadRowFailsTheRightCheckAndGoodRowsPass() {
    Map<String, String> f = failuresByRow();
    assertEquals(ROWS.size(), f.size());
    assertEquals("[not_copied_from_other_symbol]|[]", f.get("GOOD@2021-01-01"), "GOOD day 0 has a twin under COPY");
    assertEquals("[not_copied_from_other_symbol]|[]", f.get("COPY@2021-01-01"));
    assertEquals("[]|[volume_positive]", f.get("GOOD@2021-01-02"));
    assertEquals("[prices_positive, high_low_bound_open_close]|[]", f.get("BAD@2021-01-01"));
    assertEquals("[high_low_bound_open_close]|[]", f.get("BAD@2021-01-02"));
    assertEquals("[required_columns_complete, volume_non_negative]|[volume_positive]", f.get("BAD@2021-01-03"));
    assertEquals("[volume_non_negative]|[volume_positive]", f.get("BAD@2021-01-04"));
    assertEquals("[]|[]", f.get("SPIKE@2021-01-01"));
    assertEquals("[no_price_glitch]|[]", f.get("SPIKE@2021-01-02"));
    assertEquals("[]|[]", f.get("SPIKE@2021-01-03"), "the return from a glitch is not a glitch");
    assertEquals("[]|[]", f.get("SPIKE@2021-01-04"));
    assertEquals("[]|[]", f.get("FLAT@2021-01-01"), "the first close of a run is genuine");
    for (int d = 2; d <= 6; d++) {
      assertEquals("[]|[price_not_stale]", f.get("FLAT@2021-01-0" + d));
    }
    assertEquals("[]|[]", f.get("FLAT@2021-01-07"));
  }

  @Test
  void deequMeasuresTheSameChecks() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> annotated = ContractEvaluator.annotate(spark.createDataFrame(ROWS, SCHEMA), CONTRACT);
    List<ConstraintSpec> specs = new ArrayList<>();
    CONTRACT.checks().forEach(c -> specs.addAll(DeequSpecs.of(c, List.of(annotated.columns()))));
    Map<String, Double> metric = new TreeMap<>();
    DeequVerifier.verify(annotated, specs).forEach(o -> metric.put(o.name(), o.metric()));
    double n = ROWS.size();
    assertEquals((n - 1) / n, metric.get("prices_positive"), 1e-12);
    assertEquals((n - 1) / n, metric.get("required_columns_complete[volume]"), 1e-12);
    assertEquals((n - 1) / n, metric.get("no_price_glitch"), 1e-12);
    assertEquals((n - 5) / n, metric.get("price_not_stale"), 1e-12);
    assertEquals((n - 2) / n, metric.get("not_copied_from_other_symbol"), 1e-12);
  }

  @Test
  void copiesLookedUpGiveWhatTheWindowGives() {
    SparkSession spark = SparkTestSession.get();
    List<Row> rows = new ArrayList<>(ROWS);
    Timestamp day0 = Timestamp.from(Instant.parse("2021-01-01T00:00:00Z"));
    rows.add(RowFactory.create("TWIN", "1d", day0, 10.0, 11.0, 9.0, 10.5, 7.0, "g.csv", 2L));        // a third copy of GOOD day 0
    rows.add(RowFactory.create("NUL1", "1d", day0, null, 2.0, 1.0, 1.5, 7.0, "g.csv", 3L));          // null open, copied
    rows.add(RowFactory.create("NUL2", "1d", day0, null, 2.0, 1.0, 1.5, 7.0, "g.csv", 4L));
    rows.add(RowFactory.create("ZER1", "1d", day0, 0.0, 2.0, 1.0, 1.5, 7.0, "g.csv", 5L));           // 0.0 and -0.0 are one value
    rows.add(RowFactory.create("ZER2", "1d", day0, -0.0, 2.0, 1.0, 1.5, 7.0, "g.csv", 6L));
    rows.add(RowFactory.create("NOCL", "1d", day0, 5.0, 6.0, 4.0, null, 7.0, "g.csv", 7L));          // no close: never a copy
    rows.add(RowFactory.create("NOC2", "1d", day0, 5.0, 6.0, 4.0, null, 7.0, "g.csv", 8L));
    rows.add(RowFactory.create(null, "1d", day0, 10.0, 11.0, 9.0, 10.5, 7.0, "g.csv", 9L));          // no symbol: not counted
    rows.add(RowFactory.create("NAN1", "1d", day0, 3.0, Double.NaN, 2.0, 2.5, 7.0, "g.csv", 10L));   // NaNs of other bits are one value
    rows.add(RowFactory.create("NAN2", "1d", day0, 3.0, Double.longBitsToDouble(0x7ff8000000000123L), 2.0, 2.5, 7.0, "g.csv", 11L));
    Dataset<Row> in = spark.createDataFrame(rows, SCHEMA);
    Dataset<Row> copies = ContractEvaluator.copiedCandles(in, ContractEvaluator.sharedCandles(in));
    assertEquals(5, copies.count(), "GOOD/COPY/TWIN, NUL1/NUL2, ZER1/ZER2, NAN1/NAN2 and NOCL/NOC2 (which pass: no close)");
    String[] columns = {SOURCE_FILE, SOURCE_LINE, ContractEvaluator.FAILED_ERRORS, ContractEvaluator.FAILED_WARNINGS, ContractEvaluator.REASONS};
    List<Row> window = ContractEvaluator.annotate(in, CONTRACT).selectExpr(columns).orderBy(SOURCE_FILE, SOURCE_LINE).collectAsList();
    List<Row> lookup = ContractEvaluator.annotate(in, CONTRACT, copies, 3).selectExpr(columns).orderBy(SOURCE_FILE, SOURCE_LINE).collectAsList();
    assertEquals(window, lookup);
    assertEquals(ROWS.size() + 10, lookup.size());
    assertTrue(lookup.stream().anyMatch(r -> String.valueOf(r.get(4)).contains("same ts and OHLC as COPY,TWIN")), lookup.toString());
    assertTrue(lookup.stream().anyMatch(r -> String.valueOf(r.get(4)).contains("same ts and OHLC as ZER2")), lookup.toString());
    assertTrue(lookup.stream().anyMatch(r -> String.valueOf(r.get(4)).contains("same ts and OHLC as NAN2")), lookup.toString());
  }
}
