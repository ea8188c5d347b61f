package io.coinlake.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KolmogorovSmirnovTest {

  /** P(D >= c / (n m)) by listing every interleaving of n reference and m current values. */
  private static double enumerated(int n, int m, long c) {
    int total = n + m;
    long hits = 0;
    long all = 0;
    for (int mask = 0; mask < (1 << total); mask++) {
      if (Integer.bitCount(mask) != n) {
        continue;
      }
      all++;
      long i = 0;
      long j = 0;
      long max = 0;
      for (int k = 0; k < total; k++) {
        if ((mask & (1 << k)) != 0) {
          i++;
        } else {
          j++;
        }
        max = Math.max(max, Math.abs(i * m - j * n));
      }
      if (max >= c) {
        hits++;
      }
    }
    return (double) hits / all;
  }

  @Test
  void exactPValueEqualsTheShareOfInterleavingsAtLeastAsExtreme() {
    int[][] sizes = {{5, 4}, {6, 6}, {7, 3}, {3, 8}, {1, 5}};
    for (int[] size : sizes) {
      int n = size[0];
      int m = size[1];
      for (long c = 0; c <= (long) n * m; c++) {
        assertEquals(enumerated(n, m, c), KolmogorovSmirnov.pValue(n, m, c), 1e-12, "n=" + n + " m=" + m + " c=" + c);
      }
    }
  }

  @Test
  void exactPValueMatchesIntegerPathCountingOnLargerSamples() {
    int[][] sizes = {{60, 45}, {80, 80}, {30, 120}};
    for (int[] size : sizes) {
      int n = size[0];
      int m = size[1];
      for (long c : new long[] {(long) n * m / 20, (long) n * m / 8, (long) n * m / 4, (long) n * m / 2}) {
        double expected = NaiveStats.ksPValueByPathCounting(n, m, c);
        assertEquals(expected, KolmogorovSmirnov.pValue(n, m, c), 1e-12 + 1e-9 * expected, "n=" + n + " m=" + m + " c=" + c);
      }
    }
  }

  @Test
  void exactPValueMatchesScipy() {
    // scipy 1.17.1: scipy.stats._stats_py._attempt_exact_2kssamp(n, m, gcd, d, 'two-sided')
    assertEquals(0.15797547206963716, KolmogorovSmirnov.pValue(200, 150, 3600), 1e-12);
    assertEquals(0.16411447756429137, KolmogorovSmirnov.pValue(1000, 1000, 50_000), 1e-12);
    assertEquals(0.024494426617316087, KolmogorovSmirnov.pValue(1000, 800, 56_000), 1e-12);
    assertEquals(0.030208748800156688, KolmogorovSmirnov.pValue(37, 53, 588), 1e-12);
  }

  @Test
  void largeSamplesUseTheAsymptoticDistribution() {
    // scipy 1.17.1: kstwo.sf(d, round(n m / (n + m)))
    assertEquals(0.002075777528008902, KolmogorovSmirnov.pValue(20_000, 15_000, 6_000_000), 2e-5);
    assertEquals(0.13302975109662074, KolmogorovSmirnov.pValue(12_000, 12_000, 2_160_000), 5e-4);
  }

  @Test
  void noDifferenceGivesOneAndAHugeOneGivesAlmostZero() {
    assertEquals(1.0, KolmogorovSmirnov.pValue(500, 400, 0));
    double p = KolmogorovSmirnov.pValue(500, 400, 500L * 400);
    assertTrue(p > 0 && p < 1e-100, "p=" + p);
  }
}
