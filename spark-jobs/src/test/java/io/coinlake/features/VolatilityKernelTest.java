package io.coinlake.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Kernel-level checks that need no Spark: leakage, edge cases, input validation. */
class VolatilityKernelTest {
  private static final FeatureSpec SPEC = FeatureSpec.defaults();

  /** One symbol's random OHLCV series, index = row. */
  static final class Series {
    final double[] open;
    final double[] high;
    final double[] low;
    final double[] close;
    final double[] volume;
    final boolean[] stale;

    Series(int n, long seed) {
      Random rnd = new Random(seed);
      open = new double[n];
      high = new double[n];
      low = new double[n];
      close = new double[n];
      volume = new double[n];
      stale = new boolean[n];
      double prev = 100.0;
      for (int t = 0; t < n; t++) {
        open[t] = prev * Math.exp(0.01 * rnd.nextGaussian());
        close[t] = prev * Math.exp(0.04 * rnd.nextGaussian());
        high[t] = Math.max(open[t], close[t]) * Math.exp(Math.abs(0.02 * rnd.nextGaussian()));
        low[t] = Math.min(open[t], close[t]) * Math.exp(-Math.abs(0.02 * rnd.nextGaussian()));
        volume[t] = Math.exp(10 + rnd.nextGaussian());
        prev = close[t];
      }
    }

    /** A deep copy. */
    Series(Series o) {
      open = o.open.clone();
      high = o.high.clone();
      low = o.low.clone();
      close = o.close.clone();
      volume = o.volume.clone();
      stale = o.stale.clone();
    }

    VolatilityKernel.Result compute(FeatureSpec spec) {
      return VolatilityKernel.compute(open, high, low, close, volume, stale, close.length, spec);
    }
  }

  @Test
  void labelIsTheRootSumOfTheNextHSquaredReturns() {
    Series s = new Series(90, 1);
    int h = SPEC.horizon();
    VolatilityKernel.Result res = s.compute(SPEC);
    double[] label = res.get(VolatilityColumn.LABEL);
    double[] rvLastH = res.get(VolatilityColumn.RV_LAST_H);
    for (int t = 0; t < 90; t++) {
      if (t >= 90 - h) {
        assertTrue(Double.isNaN(label[t]), "label must be null in the last h rows, t=" + t);
        continue;
      }
      double sum = 0;
      for (int i = 1; i <= h; i++) {
        double r = Math.log(s.close[t + i] / s.close[t + i - 1]);
        sum += r * r;
      }
      assertEquals(Math.sqrt(sum), label[t], 1e-12 * Math.sqrt(sum), "t=" + t);
      assertEquals(rvLastH[t + h], label[t], 0.0, "label[t] is rv_last_h[t+h] bit for bit");
    }
  }

  @Test
  void changingTheFutureChangesNoFeatureButTheLabel() {
    Series base = new Series(120, 2);
    VolatilityKernel.Result before = base.compute(SPEC);
    Random rnd = new Random(3);
    for (int cut : new int[] {0, 6, 29, 30, 60, 100, 112}) {
      Series future = new Series(base);
      for (int t = cut + 1; t < 120; t++) {
        double f = Math.exp(0.3 * rnd.nextGaussian());
        future.close[t] *= f;
        future.open[t] *= f;
        future.high[t] *= f * 1.01;
        future.low[t] *= f;
        future.volume[t] *= 3;
        future.stale[t] = rnd.nextBoolean();
      }
      VolatilityKernel.Result after = future.compute(SPEC);
      for (VolatilityColumn c : VolatilityColumn.values()) {
        if (!c.isFeature()) {
          continue;
        }
        for (int t = 0; t <= cut; t++) {
          assertEquals(0, Double.compare(before.get(c)[t], after.get(c)[t]),
              c + " at row " + t + " changed when only rows after " + cut + " changed");
        }
      }
      if (cut + SPEC.horizon() < 120) {
        assertFalse(Double.isNaN(before.get(VolatilityColumn.LABEL)[cut]));
        assertNotEquals(before.get(VolatilityColumn.LABEL)[cut],
            after.get(VolatilityColumn.LABEL)[cut], "label at " + cut + " must see the future");
      }
    }
  }

  @Test
  void constantVolumeGivesANullZScoreEvenAfterAVariedStretch() {
    Series s = new Series(100, 4);
    Arrays.fill(s.volume, 50, 100, 1234.5);
    double[] z = s.compute(SPEC).get(VolatilityColumn.VOLUME_Z);
    for (int t = 29; t < 100; t++) {
      // rows 50..78 still see at least one varied volume in the 30-row window
      assertEquals(t >= 79, Double.isNaN(z[t]), "t=" + t + " z=" + z[t]);
    }
    for (int t = 50; t < 79; t++) {
      assertTrue(Double.isFinite(z[t]) && z[t] != 0.0, "t=" + t);
    }
  }

  @Test
  void rsiIs100WithoutLossesAnd50WithoutMoves() {
    assertEquals(100.0, VolatilityKernel.rsi(0.5, 0.0));
    assertEquals(50.0, VolatilityKernel.rsi(0.0, 0.0));
    assertEquals(0.0, VolatilityKernel.rsi(0.0, 0.5));
    assertEquals(75.0, VolatilityKernel.rsi(0.3, 0.1), 1e-12);
  }

  @Test
  void rejectsANonPositivePriceWithItsRow() {
    Series s = new Series(10, 5);
    s.low[6] = 0.0;
    VolatilityKernel.BadRowException e =
        assertThrows(VolatilityKernel.BadRowException.class, () -> s.compute(SPEC));
    assertEquals(6, e.row());
    assertTrue(e.getMessage().contains("> 0"));
  }
}
