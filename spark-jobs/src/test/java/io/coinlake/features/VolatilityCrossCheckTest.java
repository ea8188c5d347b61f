package io.coinlake.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coinlake.lake.Columns;
import io.coinlake.testing.SparkTestSession;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The O(n) kernel against {@link VolatilityReference} on awkward random input: 3 symbols x 200
 * rows with date gaps, prices near 1e-8 and 1e5 and a 1e-3 -> 1e5 -> 1e-3 jump, zero volumes, a
 * constant-volume stretch, a stale run, plus one 12-row symbol that never leaves warm-up.
 */
class VolatilityCrossCheckTest {
  private static final double REL = 1e-9;

  @Test
  void kernelMatchesSqlWindowReference() {
    Random rnd = new Random(2024);
    List<Row> in = new ArrayList<>();
    in.addAll(symbol("TINY", 200, 1e-8, rnd, false));
    in.addAll(symbol("BIG", 200, 1e5, rnd, false));
    in.addAll(symbol("JUMP", 200, 1e-3, rnd, true));
    in.addAll(symbol("SHORT", 12, 3.0, rnd, false));
    Collections.shuffle(in, rnd);
    Dataset<Row> silver = SparkTestSession.get().createDataFrame(in, OhlcvRows.SCHEMA);
    FeatureSpec spec = FeatureSpec.defaults();

    List<Row> actual = VolatilityFeatures.transform(silver, spec).collectAsList();
    Map<String, Map<String, Double>> expected = VolatilityReference.compute(silver, spec);

    assertEquals(612, actual.size());
    assertEquals(expected.size(), actual.size());
    List<String> compared = new ArrayList<>(VolatilityFeatures.featureColumns());
    compared.add(Columns.LABEL);
    int nonNull = 0;
    int trainable = 0;
    int staleBlocked = 0;
    int labelEnds = 0;
    for (Row row : actual) {
      String key = VolatilityReference.key(row.getString(0), row.getTimestamp(1).getTime());
      Map<String, Double> want = expected.get(key);
      assertNotNull(want, "no reference row for " + key);
      for (String column : compared) {
        Double a = OhlcvRows.value(row, column);
        Double e = want.get(column);
        if (a == null || e == null) {
          assertEquals(e, a, column + " at " + key);
          continue;
        }
        nonNull++;
        double tolerance = REL * Math.max(Math.abs(a), Math.abs(e));
        assertTrue(Math.abs(a - e) <= tolerance,
            column + " at " + key + ": kernel " + a + " vs reference " + e);
      }
      Timestamp labelEnd = row.getTimestamp(row.fieldIndex(Columns.LABEL_END_TS));
      assertEquals(want.get(Columns.LABEL_END_TS), labelEnd == null ? null : (double) labelEnd.getTime(),
          "label_end_ts at " + key);
      labelEnds += labelEnd == null ? 0 : 1;
      boolean isTrainable = row.getBoolean(row.fieldIndex(Columns.TRAINABLE));
      assertEquals(want.get(Columns.TRAINABLE) == 1.0, isTrainable, "trainable at " + key);
      trainable += isTrainable ? 1 : 0;
      if (!isTrainable && row.getString(0).equals("TINY") && want.get(Columns.LABEL) != null
          && want.get(Columns.VOLUME_Z_30) != null && want.get(Columns.RV_30) != null) {
        staleBlocked++;
      }
    }
    // the comparison must have had something to compare
    assertTrue(nonNull > 7000, "non-null values compared: " + nonNull);
    assertEquals(612 - 4 * FeatureSpec.defaults().horizon(), labelEnds, "a label window end for every row with a label");
    assertTrue(trainable > 450 && trainable < 520, "trainable rows: " + trainable);
    assertEquals(7 + 5 - 1, staleBlocked, "rows whose label window touches the stale run");
  }

  /**
   * {@code n} rows on a calendar with ~12% of days missing. TINY gets a stale run at rows
   * 100..104; BIG a constant volume at rows 140..174; JUMP (when {@code jump}) multiplies its
   * price by 1e8 at row 80 and divides it back at row 120.
   */
  private static List<Row> symbol(String name, int n, double start, Random rnd, boolean jump) {
    List<Row> rows = new ArrayList<>();
    double prev = start;
    int day = 0;
    for (int t = 0; t < n; t++) {
      while (rnd.nextDouble() < 0.12) {
        day++; // gap: the return is taken against the previous available row
      }
      double level = jump && t == 80 ? 1e8 : jump && t == 120 ? 1e-8 : 1.0;
      double open = prev * level * Math.exp(0.01 * rnd.nextGaussian());
      double close = prev * level * Math.exp(0.05 * rnd.nextGaussian());
      boolean stale = name.equals("TINY") && t >= 100 && t < 105;
      if (stale) {
        close = prev; // the feed repeated the last close
        open = prev;
      }
      double high = Math.max(open, close) * Math.exp(Math.abs(0.02 * rnd.nextGaussian()));
      double low = Math.min(open, close) * Math.exp(-Math.abs(0.02 * rnd.nextGaussian()));
      double volume = rnd.nextDouble() < 0.03 ? 0.0 : Math.exp(8 + 2 * rnd.nextGaussian());
      if (name.equals("BIG") && t >= 140 && t < 175) {
        volume = 4242.0;
      }
      rows.add(OhlcvRows.row(name, day, open, high, low, close, volume, stale));
      prev = close;
      day++;
    }
    return rows;
  }
}
