package io.coinlake.monitor;

/**
 * The two-sided p-value of the two-sample Kolmogorov–Smirnov statistic, as scipy's
 * {@code ks_2samp(method="auto")} computes it.
 *
 * <p>The statistic arrives scaled to an integer: {@code scaledD = D * n * m} =
 * max |cumRef * m - cumCur * n| over the merged sorted values, which {@link EcdfScan} computes
 * exactly. Keeping it an integer lets the exact test compare path heights with the observed
 * maximum without rounding.
 *
 * <p>Exact while the larger sample has at most {@value #EXACT_MAX_N} values (scipy's rule): the
 * probability, under H0 (every interleaving of the two samples equally likely, i.e. no ties), that a
 * random interleaving reaches a height |i*m - j*n| &gt;= scaledD. It walks the lattice of
 * (i reference, j current) values drawn so far, pushing probability mass forward with the
 * drawing probabilities (n-i)/(n-i+m-j) and (m-j)/(n-i+m-j), and adds up the mass that first
 * touches the boundary: O(n*m) time, O(m) memory, no binomial coefficients to overflow, and the
 * p-value is a sum of positive terms, so small p-values keep their relative precision.
 *
 * <p>Above that, Smirnov's limit with Stephens' finite-size correction: Q_KS((sqrt(en) + 0.12 +
 * 0.11 / sqrt(en)) D), en = n m / (n + m). scipy there uses the exact one-sample distribution
 * at round(en); both agree to about 1e-3 in the p-value at those sizes.
 */
public final class KolmogorovSmirnov {
  public static final long EXACT_MAX_N = 10_000;

  private KolmogorovSmirnov() {}

  /** The two-sided p-value for sample sizes n, m and statistic D = scaledD / (n m). */
  public static double pValue(long n, long m, long scaledD) {
    if (n <= 0 || m <= 0) {
      throw new IllegalArgumentException("KS needs two non-empty samples, got sizes " + n + " and " + m);
    }
    if (scaledD <= 0) {
      return 1.0;
    }
    if (Math.max(n, m) <= EXACT_MAX_N) {
      return exact((int) n, (int) m, scaledD);
    }
    double d = scaledD / ((double) n * (double) m);
    double en = (double) n * m / ((double) n + m);
    double sqrtEn = Math.sqrt(en);
    return kolmogorovSurvival((sqrtEn + 0.12 + 0.11 / sqrtEn) * d);
  }

  /** P(max |i m - j n| >= c) over uniformly random interleavings of n and m values. */
  static double exact(int n, int m, long c) {
    double[] inside = new double[m + 1];
    double outside = 0;
    inside[0] = 1.0;
    for (int i = 0; i <= n; i++) {
      for (int j = 0; j <= m; j++) {
        if (i == 0 && j == 0) {
          continue;
        }
        double mass = 0;
        if (i > 0) {
          int leftN = n - i + 1;
          mass += inside[j] * leftN / (leftN + (m - j));
        }
        if (j > 0) {
          int leftM = m - j + 1;
          mass += inside[j - 1] * leftM / ((n - i) + leftM);
        }
        if (Math.abs((long) i * m - (long) j * n) >= c) {
          outside += mass;
          inside[j] = 0;
        } else {
          inside[j] = mass;
        }
      }
    }
    return Math.min(1.0, outside);
  }

  /** Q_KS(x) = 2 sum_{k>=1} (-1)^(k-1) exp(-2 k^2 x^2), the Kolmogorov distribution's survival. */
  static double kolmogorovSurvival(double x) {
    if (x < 0.2) {
      return 1.0;
    }
    double sum = 0;
    double sign = 1;
    for (int k = 1; k <= 100; k++) {
      double term = Math.exp(-2.0 * k * k * x * x);
      sum += sign * term;
      if (term < 1e-17 * sum) {
        break;
      }
      sign = -sign;
    }
    return Math.max(0.0, Math.min(1.0, 2.0 * sum));
  }
}
