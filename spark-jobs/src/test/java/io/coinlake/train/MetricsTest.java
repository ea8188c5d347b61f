package io.coinlake.train;

import static io.coinlake.lake.Columns.*;
import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.testing.SparkTestSession;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private static final double[] Y = {0.10, 0.20, 0.05, 0.30};
  private static final double[] P = {0.12, 0.15, 0.05, -0.01};

  @Test
  void handComputedValues() {
    double floor = 0.01;
    double[] m = Metrics.compute(Y, P, floor);
    // QLIKE by hand: s/h - ln(s/h) - 1 with h floored at 0.01^2 for the negative forecast
    double q = (ql(0.01, 0.0144) + ql(0.04, 0.0225) + ql(0.0025, 0.0025) + ql(0.09, 0.0001)) / 4;
    assertEquals(q, m[0], 1e-12);
    double se = 0.0004 + 0.0025 + 0 + 0.0961;
    assertEquals(Math.sqrt(se / 4), m[1], 1e-12);
    assertEquals((0.02 + 0.05 + 0 + 0.31) / 4, m[2], 1e-12);
    double mean = 0.1625;
    double ssTot = Math.pow(0.1 - mean, 2) + Math.pow(0.2 - mean, 2) + Math.pow(0.05 - mean, 2) + Math.pow(0.3 - mean, 2);
    assertEquals(1 - se / ssTot, m[3], 1e-12);
    assertTrue(Double.isFinite(m[0]), "the floor keeps QLIKE finite for a negative forecast");
  }

  @Test
  void sparkAggregationMatchesJava() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < Y.length; i++) {
      rows.add(RowFactory.create(Y[i], P[i]));
    }
    var df = SparkTestSession.get().createDataFrame(rows, new StructType().add(Y_TRUE, "double").add(Y_PRED, "double"));
    Row r = df.agg(Metrics.aggregations(0.01)[0], Metrics.aggregations(0.01)[1], Metrics.aggregations(0.01)[2],
        Metrics.aggregations(0.01)[3]).first();
    double[] m = Metrics.compute(Y, P, 0.01);
    for (int i = 0; i < 4; i++) {
      assertEquals(m[i], r.getDouble(i), 1e-12, Metrics.ALL.get(i));
    }
  }

  @Test
  void aPerfectForecastHasZeroQlike() {
    assertEquals(0.0, Metrics.compute(Y, Y, 1e-4)[0], 1e-15);
  }

  private static double ql(double s, double h) {
    return s / h - Math.log(s / h) - 1;
  }
}
