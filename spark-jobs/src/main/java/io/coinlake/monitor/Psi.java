package io.coinlake.monitor;

/**
 * The Population Stability Index of two count vectors over the same bins, as Evidently computes
 * it: shares r (reference) and c (current); a share of 0 is replaced by 0.0001, or by the
 * smallest non-zero share of that side divided by 10^6 when that share is at most 0.0001; then
 * PSI = sum (r - c) ln(r / c).
 */
public final class Psi {
  static final double EMPTY_BIN_SHARE = 0.0001;

  private Psi() {}

  public static double value(long[] reference, long[] current) {
    ChiSquare.requireSameLength(reference, current);
    double[] r = filledShares(reference);
    double[] c = filledShares(current);
    double psi = 0;
    for (int i = 0; i < r.length; i++) {
      psi += (r[i] - c[i]) * Math.log(r[i] / c[i]);
    }
    return psi;
  }

  static double[] filledShares(long[] counts) {
    double total = ChiSquare.sum(counts);
    double[] shares = new double[counts.length];
    double smallest = Double.POSITIVE_INFINITY;
    for (int i = 0; i < counts.length; i++) {
      shares[i] = counts[i] / total;
      if (shares[i] > 0) {
        smallest = Math.min(smallest, shares[i]);
      }
    }
    double fill = smallest <= EMPTY_BIN_SHARE ? smallest / 1e6 : EMPTY_BIN_SHARE;
    for (int i = 0; i < shares.length; i++) {
      if (shares[i] == 0) {
        shares[i] = fill;
      }
    }
    return shares;
  }
}
