package io.coinlake.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coinlake.testing.SparkTestSession;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeequVerifierTest {

  private static final StructType SCHEMA = new StructType()
      .add("symbol", DataTypes.StringType, false)
      .add("ts", DataTypes.TimestampType, false)
      .add("close", DataTypes.DoubleType, true)
      .add("volume", DataTypes.DoubleType, true);

  /** 10 rows: volume null twice, close negative once, (ETH, day 4) twice. */
  private static Dataset<Row> candles;

  @BeforeAll
  static void data() {
    candles = SparkTestSession.get().createDataFrame(List.of(
        row("BTC", 1, 100.0, 10.0),
        row("BTC", 2, 101.0, 11.0),
        row("BTC", 3, 102.0, null),
        row("BTC", 4, 103.0, 13.0),
        row("BTC", 5, 104.0, 14.0),
        row("ETH", 1, 10.0, 5.0),
        row("ETH", 2, -1.0, null),
        row("ETH", 3, 11.0, 7.0),
        row("ETH", 4, 12.0, 8.0),
        row("ETH", 4, 12.0, 8.0)), SCHEMA);
  }

  private static Row row(String symbol, int day, Double close, Double volume) {
    return RowFactory.create(
        symbol, Timestamp.valueOf("2024-01-0" + day + " 00:00:00"), close, volume);
  }

  @Test
  void completenessPassesAtItsMetricAndFailsAbove() {
    List<ConstraintOutcome> out = DeequVerifier.verify(candles, List.of(
        ConstraintSpec.completeness("volume_80", "volume", 0.8, Level.ERROR),
        ConstraintSpec.completeness("volume_90", "volume", 0.9, Level.ERROR),
        ConstraintSpec.completeness("close_all", "close", 1.0, Level.ERROR)));

    assertEquals(3, out.size());
    assertOutcome(out.get(0), "volume_80", Level.ERROR, true, 0.8, 0.8);
    assertOutcome(out.get(1), "volume_90", Level.ERROR, false, 0.8, 0.9);
    assertOutcome(out.get(2), "close_all", Level.ERROR, true, 1.0, 1.0);
    assertTrue(out.get(1).message().contains("completeness(volume) = 0.8 < 0.9"),
        out.get(1).message());
  }

  @Test
  void satisfiesMeasuresTheShareOfRowsWherePredicateIsTrue() {
    List<ConstraintOutcome> out = DeequVerifier.verify(candles, List.of(
        ConstraintSpec.satisfies("close_positive_90", "close > 0", 0.9, Level.ERROR),
        ConstraintSpec.satisfies("close_positive_all", "close > 0", 1.0, Level.ERROR),
        // null volume makes the predicate null, which Deequ counts as not complying: 4/10
        ConstraintSpec.satisfies("volume_at_least_10", "volume >= 10", 0.4, Level.ERROR)));

    assertOutcome(out.get(0), "close_positive_90", Level.ERROR, true, 0.9, 0.9);
    assertOutcome(out.get(1), "close_positive_all", Level.ERROR, false, 0.9, 1.0);
    assertOutcome(out.get(2), "volume_at_least_10", Level.ERROR, true, 0.4, 0.4);
  }

  @Test
  void uniquenessIsTheShareOfRowsWhoseKeyOccursOnce() {
    List<ConstraintOutcome> out = DeequVerifier.verify(candles, List.of(
        // 8 keys occur once, (ETH, day 4) twice: 8 / 10 rows
        ConstraintSpec.uniqueness("key_unique", List.of("symbol", "ts"), 1.0, Level.ERROR),
        ConstraintSpec.uniqueness("key_mostly_unique", List.of("symbol", "ts"), 0.8, Level.ERROR),
        // no symbol occurs exactly once
        ConstraintSpec.uniqueness("symbol_unique", List.of("symbol"), 0.0, Level.ERROR)));

    assertOutcome(out.get(0), "key_unique", Level.ERROR, false, 0.8, 1.0);
    assertOutcome(out.get(1), "key_mostly_unique", Level.ERROR, true, 0.8, 0.8);
    assertOutcome(out.get(2), "symbol_unique", Level.ERROR, true, 0.0, 0.0);
  }

  @Test
  void uniquenessFromAKeyOnceFlagIsDeequsUniqueness() {
    // the flag as a window count computes it; rows with no key column set are left out by both
    Dataset<Row> flagged = candles.withColumn("_once", functions.count(functions.lit(1))
        .over(Window.partitionBy(functions.col("symbol"), functions.col("ts"))).equalTo(1));
    List<ConstraintOutcome> out = DeequVerifier.verify(flagged, List.of(
        ConstraintSpec.uniqueness("key_unique", List.of("symbol", "ts"), 1.0, Level.ERROR),
        ConstraintSpec.uniquenessFromFlag("key_unique", List.of("symbol", "ts"), "_once", 1.0, Level.ERROR),
        ConstraintSpec.uniquenessFromFlag("no_flag", List.of("symbol", "ts"), "_missing", 0.0, Level.ERROR)));

    assertOutcome(out.get(1), "key_unique", Level.ERROR, false, 0.8, 1.0);
    assertEquals(out.get(0), out.get(1));
    assertFalse(out.get(2).passed());
    assertTrue(out.get(2).message().contains("_missing"), out.get(2).message());
  }

  @Test
  void warningLevelPropagates() {
    List<ConstraintOutcome> out = DeequVerifier.verify(candles, List.of(
        ConstraintSpec.completeness("volume_warn", "volume", 1.0, Level.WARNING),
        ConstraintSpec.satisfies("close_warn", "close > 0", 0.5, Level.WARNING),
        ConstraintSpec.completeness("volume_err", "volume", 1.0, Level.ERROR)));

    assertOutcome(out.get(0), "volume_warn", Level.WARNING, false, 0.8, 1.0);
    assertOutcome(out.get(1), "close_warn", Level.WARNING, true, 0.9, 0.5);
    assertOutcome(out.get(2), "volume_err", Level.ERROR, false, 0.8, 1.0);
  }

  @Test
  void outcomesFollowSpecOrderEvenWithRepeatedNames() {
    List<ConstraintSpec> specs = List.of(
        ConstraintSpec.uniqueness("u", List.of("symbol", "ts"), 0.5, Level.WARNING),
        ConstraintSpec.satisfies("s", "close > 100", 0.0, Level.ERROR),
        ConstraintSpec.completeness("same", "volume", 0.9, Level.ERROR),
        ConstraintSpec.completeness("c", "close", 1.0, Level.WARNING),
        ConstraintSpec.completeness("same", "volume", 0.7, Level.ERROR),
        ConstraintSpec.satisfies("same", "symbol = 'BTC'", 0.5, Level.WARNING));

    List<ConstraintOutcome> out = DeequVerifier.verify(candles, specs);

    assertEquals(specs.stream().map(ConstraintSpec::name).toList(),
        out.stream().map(ConstraintOutcome::name).toList());
    assertOutcome(out.get(0), "u", Level.WARNING, true, 0.8, 0.5);
    assertOutcome(out.get(1), "s", Level.ERROR, true, 0.4, 0.0);
    assertOutcome(out.get(2), "same", Level.ERROR, false, 0.8, 0.9);
    assertOutcome(out.get(3), "c", Level.WARNING, true, 1.0, 1.0);
    assertOutcome(out.get(4), "same", Level.ERROR, true, 0.8, 0.7);
    assertOutcome(out.get(5), "same", Level.WARNING, true, 0.5, 0.5);
  }

  @Test
  void invalidSpecsFailWithAMessageAndDoNotSpoilTheOthers() {
    List<ConstraintOutcome> out = DeequVerifier.verify(candles, List.of(
        ConstraintSpec.satisfies("bad_column", "volume_usd > 0", 1.0, Level.ERROR),
        ConstraintSpec.completeness("volume_80", "volume", 0.8, Level.ERROR),
        ConstraintSpec.satisfies("not_boolean", "close + 1", 0.0, Level.WARNING),
        ConstraintSpec.satisfies("aggregate", "sum(close) > 0", 0.0, Level.ERROR),
        ConstraintSpec.satisfies("unparsable", "close >>> ", 0.0, Level.ERROR),
        ConstraintSpec.completeness("missing", "market_cap", 0.0, Level.ERROR),
        ConstraintSpec.uniqueness("missing_key", List.of("symbol", "day"), 0.0, Level.ERROR),
        ConstraintSpec.satisfies("close_positive", "close > 0", 0.9, Level.ERROR)));

    assertNotMeasured(out.get(0), "bad_column", Level.ERROR, "volume_usd");
    assertOutcome(out.get(1), "volume_80", Level.ERROR, true, 0.8, 0.8);
    assertNotMeasured(out.get(2), "not_boolean", Level.WARNING, "close + 1");
    assertNotMeasured(out.get(3), "aggregate", Level.ERROR, "sum(close)");
    assertNotMeasured(out.get(4), "unparsable", Level.ERROR, "invalid predicate");
    assertNotMeasured(out.get(5), "missing", Level.ERROR, "[market_cap] not found");
    assertNotMeasured(out.get(6), "missing_key", Level.ERROR, "[day] not found");
    // shares the scan with nothing broken: Deequ would otherwise fail the whole shared scan
    assertOutcome(out.get(7), "close_positive", Level.ERROR, true, 0.9, 0.9);
  }

  @Test
  void emptyDataCannotBeMeasured() {
    Dataset<Row> empty = candles.limit(0);
    List<ConstraintOutcome> out = DeequVerifier.verify(empty, List.of(
        ConstraintSpec.completeness("volume", "volume", 0.0, Level.ERROR),
        ConstraintSpec.satisfies("close_positive", "close > 0", 0.0, Level.ERROR),
        ConstraintSpec.uniqueness("key", List.of("symbol", "ts"), 0.0, Level.ERROR)));

    for (ConstraintOutcome o : out) {
      assertFalse(o.passed(), o.toString());
      assertTrue(Double.isNaN(o.metric()), o.toString());
      assertFalse(o.measured());
      assertTrue(o.message().startsWith("not measured: "), o.message());
    }
    assertEquals(List.of("volume", "close_positive", "key"),
        out.stream().map(ConstraintOutcome::name).toList());
  }

  @Test
  void noSpecsGiveNoOutcomes() {
    assertEquals(List.of(), DeequVerifier.verify(candles, List.of()));
  }

  private static void assertOutcome(ConstraintOutcome o, String name, Level level,
      boolean passed, double metric, double threshold) {
    assertEquals(name, o.name(), o.toString());
    assertEquals(level, o.level(), o.toString());
    assertEquals(passed, o.passed(), o.toString());
    assertEquals(metric, o.metric(), 1e-12, o.toString());
    assertEquals(threshold, o.threshold(), 0.0, o.toString());
    assertTrue(o.measured(), o.toString());
  }

  private static void assertNotMeasured(
      ConstraintOutcome o, String name, Level level, String messagePart) {
    assertEquals(name, o.name(), o.toString());
    assertEquals(level, o.level(), o.toString());
    assertFalse(o.passed(), o.toString());
    assertTrue(Double.isNaN(o.metric()), o.toString());
    assertTrue(o.message().startsWith("not measured: "), o.message());
    assertTrue(o.message().contains(messagePart), o.message());
  }
}
