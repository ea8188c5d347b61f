package io.coinlake.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RollingWindowTest {

  @Test
  void compensatedSumForgetsAHugeValueExactly() {
    RollingSum sum = new RollingSum(3);
    sum.push(1e20);
    sum.push(1.0);
    assertFalse(sum.isFull());
    sum.push(1.0);
    assertTrue(sum.isFull());
    sum.push(1.0); // 1e20 leaves the window: a naive running sum would now hold 0 or 1
    assertEquals(3.0, sum.sum(), 0.0);
    assertEquals(1.0, sum.mean(), 0.0);
  }

  @Test
  void rollingSumMatchesAFreshSumOnEveryWindow() {
    Random rnd = new Random(7);
    int w = 5;
    double[] xs = new double[500];
    RollingSum sum = new RollingSum(w);
    for (int i = 0; i < xs.length; i++) {
      xs[i] = Math.pow(10, rnd.nextInt(24) - 12) * rnd.nextDouble();
      sum.push(xs[i]);
      if (i >= w - 1) {
        double fresh = 0;
        for (int j = i - w + 1; j <= i; j++) {
          fresh += xs[j];
        }
        assertEquals(fresh, sum.sum(), 1e-14 * fresh, "window ending at " + i);
      }
    }
  }

  @Test
  void rollingMomentsMatchTwoPassVarianceWithALargeOffset() {
    Random rnd = new Random(11);
    int w = 30;
    double[] xs = new double[1000];
    RollingMoments m = new RollingMoments(w);
    for (int i = 0; i < xs.length; i++) {
      xs[i] = 1e4 + (i < 500 ? 1e3 : 1e-2) * rnd.nextGaussian(); // variance collapses mid-way
      m.push(xs[i]);
      if (i >= w - 1) {
        double mean = 0;
        for (int j = i - w + 1; j <= i; j++) {
          mean += xs[j] / w;
        }
        double ss = 0;
        for (int j = i - w + 1; j <= i; j++) {
          ss += (xs[j] - mean) * (xs[j] - mean);
        }
        double variance = ss / (w - 1);
        assertEquals(mean, m.mean(), 1e-12 * mean, "mean at " + i);
        assertEquals(variance, m.sampleVariance(), 1e-7 * variance, "variance at " + i);
      }
    }
  }
}
