package io.coinlake.monitor;

import org.apache.commons.math3.special.Erf;

/**
 * Evidently's z drift test for (nearly) binary columns: the share of values other than the
 * first (smallest) value, reference against current, compared by the two-proportion z-test with
 * pooled variance; two-sided p-value 2 (1 - Phi(|z|)).
 */
public final class TwoProportionZ {
  private TwoProportionZ() {}

  /**
   * The z statistic (reference share of "other" minus current share, over its pooled standard
   * error). Counts are per value in sorted value order; index 0 is "the first value", the rest
   * count as "other". 0 when both samples hold only one and the same value.
   */
  public static double statistic(long[] reference, long[] current) {
    ChiSquare.requireSameLength(reference, current);
    long n1 = ChiSquare.sum(reference);
    long n2 = ChiSquare.sum(current);
    double p1 = (double) (n1 - reference[0]) / n1;
    double p2 = (double) (n2 - current[0]) / n2;
    double pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
    double variance = pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2);
    return variance == 0 ? 0.0 : (p1 - p2) / Math.sqrt(variance);
  }

  /** The two-sided p-value of {@link #statistic}; 1.0 when both samples hold one and the same value. */
  public static double pValue(long[] reference, long[] current) {
    return Erf.erfc(Math.abs(statistic(reference, current)) / Math.sqrt(2.0));
  }
}
