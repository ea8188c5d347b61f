package io.coinlake.monitor;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Arrays;

/**
 * Independent, deliberately plain implementations of the drift statistics on whole arrays, to
 * check the Spark ones against: quadratic loops, no shared code with the production classes.
 */
final class NaiveStats {
  private NaiveStats() {}

  private static long countAtMost(double[] values, double v) {
    long count = 0;
    for (double x : values) {
      if (x <= v) {
        count++;
      }
    }
    return count;
  }

  /** max over every value v of |#a<=v * m - #b<=v * n|, i.e. D * n * m. */
  static long ksScaled(double[] a, double[] b) {
    long n = a.length;
    long m = b.length;
    long max = 0;
    for (double[] side : new double[][] {a, b}) {
      for (double v : side) {
        max = Math.max(max, Math.abs(countAtMost(a, v) * m - countAtMost(b, v) * n));
      }
    }
    return max;
  }

  static double ksStatistic(double[] a, double[] b) {
    return ksScaled(a, b) / ((double) a.length * b.length);
  }

  /** The area between the two ECDFs: sum over the sorted pooled values of |Fa - Fb| times the gap to the next. */
  static double wasserstein(double[] a, double[] b) {
    double[] all = new double[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    Arrays.sort(all);
    double area = 0;
    for (int k = 0; k + 1 < all.length; k++) {
      double fa = (double) countAtMost(a, all[k]) / a.length;
      double fb = (double) countAtMost(b, all[k]) / b.length;
      area += Math.abs(fa - fb) * (all[k + 1] - all[k]);
    }
    return area;
  }

  static double populationStd(double[] a) {
    double mean = Arrays.stream(a).average().orElseThrow();
    return Math.sqrt(Arrays.stream(a).map(x -> (x - mean) * (x - mean)).sum() / a.length);
  }

  /** P(D >= c / (n m)) by counting, in exact integers, the lattice paths that stay strictly inside. */
  static double ksPValueByPathCounting(int n, int m, long c) {
    BigInteger[] row = new BigInteger[m + 1];
    for (int i = 0; i <= n; i++) {
      for (int j = 0; j <= m; j++) {
        BigInteger paths;
        if (Math.abs((long) i * m - (long) j * n) >= c) {
          paths = BigInteger.ZERO;
        } else if (i == 0 && j == 0) {
          paths = BigInteger.ONE;
        } else {
          paths = (i > 0 ? row[j] : BigInteger.ZERO).add(j > 0 ? row[j - 1] : BigInteger.ZERO);
        }
        row[j] = paths;
      }
    }
    BigInteger all = BigInteger.ONE;
    for (int k = 1; k <= n; k++) {
      all = all.multiply(BigInteger.valueOf(m + k)).divide(BigInteger.valueOf(k));
    }
    return new BigDecimal(all.subtract(row[m])).divide(new BigDecimal(all), MathContext.DECIMAL64).doubleValue();
  }
}
