package io.coinlake.features;

import static io.coinlake.features.OhlcvRows.row;
import static io.coinlake.features.OhlcvRows.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coinlake.lake.Columns;
import io.coinlake.testing.SparkTestSession;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The Spark transformation end to end on small inputs built here. */
class VolatilityFeaturesTest {
  private static final double REL = 1e-12;

  private static List<Row> run(List<Row> input, FeatureSpec spec) {
    SparkSession spark = SparkTestSession.get();
    List<Row> shuffled = new ArrayList<>(input);
    Collections.shuffle(shuffled, new Random(42)); // input order must not matter
    Dataset<Row> out = VolatilityFeatures.transform(
        spark.createDataFrame(shuffled, OhlcvRows.SCHEMA), spec);
    return out.orderBy(Columns.SYMBOL, Columns.TS).collectAsList();
  }

  private static void assertClose(double expected, Double actual, String what) {
    assertNotNull(actual, what + " is null");
    assertEquals(expected, actual, REL * Math.abs(expected), what);
  }

  @Test
  void handComputedFiveRows() {
    FeatureSpec spec = new FeatureSpec(3, 4, 2, 2, 2);
    double[] o = {10.0, 11.0, 10.5, 12.0, 11.5};
    double[] h = {11.5, 12.0, 12.5, 12.4, 12.2};
    double[] l = {9.5, 10.4, 10.1, 11.2, 10.9};
    double[] c = {11.0, 10.6, 12.2, 11.4, 12.0};
    double[] v = {100, 250, 80, 300, 120};
    List<Row> in = new ArrayList<>();
    for (int t = 0; t < 5; t++) {
      in.add(row("HAND", t, o[t], h[t], l[t], c[t], v[t], false));
    }
    List<Row> out = run(in, spec);
    assertEquals(5, out.size());

    double r1 = Math.log(10.6 / 11.0);
    double r2 = Math.log(12.2 / 10.6);
    double r3 = Math.log(11.4 / 12.2);
    double r4 = Math.log(12.0 / 11.4);
    // log_return and har_rv_d
    assertNull(value(out.get(0), Columns.LOG_RETURN));
    assertClose(r3, value(out.get(3), Columns.LOG_RETURN), "r3");
    assertClose(Math.abs(r1), value(out.get(1), Columns.HAR_RV_D), "|r1|");
    // rv over 3 and 4 returns
    assertNull(value(out.get(2), Columns.RV_7), "only 2 returns at row 2");
    assertClose(Math.sqrt(r1 * r1 + r2 * r2 + r3 * r3), value(out.get(3), Columns.RV_7), "rv3@3");
    assertClose(Math.sqrt(r2 * r2 + r3 * r3 + r4 * r4), value(out.get(4), Columns.RV_7), "rv3@4");
    assertClose(Math.sqrt((r2 * r2 + r3 * r3 + r4 * r4) / 3), value(out.get(4), Columns.HAR_RV_W),
        "har_w@4");
    assertNull(value(out.get(3), Columns.RV_30));
    assertClose(Math.sqrt(r1 * r1 + r2 * r2 + r3 * r3 + r4 * r4), value(out.get(4), Columns.RV_30),
        "rv4@4");
    assertClose(Math.sqrt((r1 * r1 + r2 * r2 + r3 * r3 + r4 * r4) / 4),
        value(out.get(4), Columns.HAR_RV_M), "har_m@4");
    // rv_last_h, h = 2
    assertNull(value(out.get(1), Columns.RV_LAST_H));
    assertClose(Math.sqrt(r1 * r1 + r2 * r2), value(out.get(2), Columns.RV_LAST_H), "rvlast@2");
    // Parkinson and Garman-Klass over 3 rows
    double p0 = Math.pow(Math.log(11.5 / 9.5), 2);
    double p1 = Math.pow(Math.log(12.0 / 10.4), 2);
    double p2 = Math.pow(Math.log(12.5 / 10.1), 2);
    double p3 = Math.pow(Math.log(12.4 / 11.2), 2);
    assertNull(value(out.get(1), Columns.PARKINSON_7));
    assertClose(Math.sqrt((p0 + p1 + p2) / 3 / (4 * Math.log(2))),
        value(out.get(2), Columns.PARKINSON_7), "parkinson@2");
    assertClose(Math.sqrt((p1 + p2 + p3) / 3 / (4 * Math.log(2))),
        value(out.get(3), Columns.PARKINSON_7), "parkinson@3");
    double k = 2 * Math.log(2) - 1;
    double gk = (0.5 * p0 - k * Math.pow(Math.log(11.0 / 10.0), 2)
        + 0.5 * p1 - k * Math.pow(Math.log(10.6 / 11.0), 2)
        + 0.5 * p2 - k * Math.pow(Math.log(12.2 / 10.5), 2)) / 3;
    assertClose(Math.sqrt(gk), value(out.get(2), Columns.GARMAN_KLASS_7), "gk@2");
    // label = sqrt(r_{t+1}^2 + r_{t+2}^2); null in the last 2 rows
    assertClose(Math.sqrt(r1 * r1 + r2 * r2), value(out.get(0), Columns.LABEL), "label@0");
    assertClose(Math.sqrt(r2 * r2 + r3 * r3), value(out.get(1), Columns.LABEL), "label@1");
    assertClose(Math.sqrt(r3 * r3 + r4 * r4), value(out.get(2), Columns.LABEL), "label@2");
    assertNull(value(out.get(3), Columns.LABEL));
    assertNull(value(out.get(4), Columns.LABEL));
    // RSI(2): changes -0.4, +1.6, -0.8, +0.6
    assertNull(value(out.get(1), Columns.RSI_14));
    assertClose(100 - 100 / (1 + 0.8 / 0.2), value(out.get(2), Columns.RSI_14), "rsi@2");
    double g3 = (0.8 * 1 + 0.0) / 2;
    double l3 = (0.2 * 1 + 0.8) / 2;
    assertClose(100 - 100 / (1 + g3 / l3), value(out.get(3), Columns.RSI_14), "rsi@3");
    assertClose(100 - 100 / (1 + ((g3 + 0.6) / 2) / ((l3 + 0.0) / 2)),
        value(out.get(4), Columns.RSI_14), "rsi@4");
    // EMA(span 2): alpha = 2/3, seeded with 11; null for the first row only
    double a = 2.0 / 3;
    double ema1 = a * 10.6 + (1 - a) * 11.0;
    assertNull(value(out.get(0), Columns.CLOSE_EMA_RATIO_12));
    assertClose(10.6 / ema1, value(out.get(1), Columns.CLOSE_EMA_RATIO_12), "ema@1");
    // SMA(4) and volume z over 4 rows
    assertNull(value(out.get(2), Columns.CLOSE_SMA_RATIO_30));
    assertClose(11.4 / ((11.0 + 10.6 + 12.2 + 11.4) / 4),
        value(out.get(3), Columns.CLOSE_SMA_RATIO_30), "sma@3");
    double x0 = Math.log(101);
    double x1 = Math.log(251);
    double x2 = Math.log(81);
    double x3 = Math.log(301);
    double m = (x0 + x1 + x2 + x3) / 4;
    double sd = Math.sqrt((Math.pow(x0 - m, 2) + Math.pow(x1 - m, 2) + Math.pow(x2 - m, 2)
        + Math.pow(x3 - m, 2)) / 3);
    assertNull(value(out.get(2), Columns.VOLUME_Z_30));
    assertClose((x3 - m) / sd, value(out.get(3), Columns.VOLUME_Z_30), "z@3");
    // keys and pass-through; nothing trainable (rows with a label lack rv over 4 returns)
    assertEquals("HAND", out.get(4).getString(0));
    assertEquals(OhlcvRows.day(4), out.get(4).getTimestamp(1));
    assertEquals(12.0, out.get(4).getDouble(2));
    for (Row r : out) {
      assertFalse(r.getBoolean(r.fieldIndex(Columns.TRAINABLE)));
    }
  }

  @Test
  void labelFormulaHoldsThroughSparkForTwoSymbols() {
    VolatilityKernelTest.Series a = new VolatilityKernelTest.Series(60, 21);
    VolatilityKernelTest.Series b = new VolatilityKernelTest.Series(45, 22);
    List<Row> in = new ArrayList<>(OhlcvRows.rows("AAA", a));
    in.addAll(OhlcvRows.rows("BBB", b));
    List<Row> out = run(in, FeatureSpec.defaults());
    assertEquals(105, out.size());
    int h = 7;
    for (Row r : out) {
      VolatilityKernelTest.Series s = r.getString(0).equals("AAA") ? a : b;
      int t = (int) ((r.getTimestamp(1).getTime() - OhlcvRows.day(0).getTime()) / 86_400_000L);
      Double label = value(r, Columns.LABEL);
      if (t >= s.close.length - h) {
        assertNull(label, "last h rows have no label, t=" + t);
        continue;
      }
      double sum = 0;
      for (int i = 1; i <= h; i++) {
        sum += Math.pow(Math.log(s.close[t + i] / s.close[t + i - 1]), 2);
      }
      assertClose(Math.sqrt(sum), label, r.getString(0) + " t=" + t);
    }
  }

  @Test
  void staleRowInsideTheLabelWindowMakesTheRowUntrainable() {
    VolatilityKernelTest.Series s = new VolatilityKernelTest.Series(60, 31);
    s.stale[45] = true;
    List<Row> out = run(OhlcvRows.rows("STL", s), FeatureSpec.defaults());
    for (int t = 0; t < 60; t++) {
      boolean features = t >= 30; // rv_30 needs 30 returns
      boolean label = t < 53;
      boolean staleAhead = t >= 38 && t <= 44; // t+1..t+7 contains row 45
      assertEquals(features && label && !staleAhead,
          out.get(t).getBoolean(out.get(t).fieldIndex(Columns.TRAINABLE)), "t=" + t);
      if (staleAhead) {
        assertNotNull(value(out.get(t), Columns.LABEL), "label is kept, only trainable is false");
      }
    }
  }

  @Test
  void outputSchemaAndColumnLists() {
    List<Row> in = List.of(row("S", 0, 1, 1, 1, 1, 0, false));
    Dataset<Row> out = VolatilityFeatures.transform(
        SparkTestSession.get().createDataFrame(in, OhlcvRows.SCHEMA), FeatureSpec.defaults());
    assertEquals(VolatilityFeatures.outputSchema(), out.schema());
    List<String> expected = new ArrayList<>(List.of(Columns.SYMBOL, Columns.TS, Columns.CLOSE));
    expected.addAll(VolatilityFeatures.featureColumns());
    expected.add(Columns.LABEL);
    expected.add(Columns.TRAINABLE);
    expected.add(Columns.LABEL_END_TS);
    assertEquals(expected, List.of(out.columns()));
    assertEquals(List.of(Columns.LOG_RETURN, Columns.RV_7, Columns.RV_30, Columns.PARKINSON_7,
        Columns.GARMAN_KLASS_7, Columns.HAR_RV_D, Columns.HAR_RV_W, Columns.HAR_RV_M,
        Columns.VOLUME_Z_30, Columns.RSI_14, Columns.CLOSE_SMA_RATIO_30,
        Columns.CLOSE_EMA_RATIO_12, Columns.RV_LAST_H), VolatilityFeatures.featureColumns());
    assertEquals(List.of(Columns.HAR_RV_D, Columns.HAR_RV_W, Columns.HAR_RV_M),
        VolatilityFeatures.harColumns());
    Row only = out.collectAsList().get(0);
    assertNull(value(only, Columns.LOG_RETURN));
    assertFalse(only.getBoolean(only.fieldIndex(Columns.TRAINABLE)));
    assertNull(only.get(only.fieldIndex(Columns.LABEL_END_TS)), "no label, so no label window");
  }

  @Test
  void missingColumnIsNamedWithTheTable() {
    Dataset<Row> noStale = SparkTestSession.get()
        .createDataFrame(List.of(row("S", 0, 1, 1, 1, 1, 0, false)), OhlcvRows.SCHEMA)
        .drop(Columns.STALE);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> VolatilityFeatures.transform(noStale, FeatureSpec.defaults()));
    assertTrue(e.getMessage().contains("'" + Columns.STALE + "'"), e.getMessage());
    assertTrue(e.getMessage().contains("silver.ohlcv"), e.getMessage());
  }

  @Test
  void duplicateSymbolAndTsFailsTheJobWithBothNamed() {
    List<Row> in = List.of(row("DUP", 0, 1, 1, 1, 1, 0, false),
        row("DUP", 1, 1, 1, 1, 1, 0, false), row("DUP", 1, 2, 2, 2, 2, 0, false));
    Dataset<Row> out = VolatilityFeatures.transform(
        SparkTestSession.get().createDataFrame(in, OhlcvRows.SCHEMA), FeatureSpec.defaults());
    Exception e = assertThrows(Exception.class, out::collectAsList);
    assertTrue(e.getMessage().contains("duplicate (symbol, ts) in silver.ohlcv: symbol=DUP"),
        e.getMessage());
  }
}
