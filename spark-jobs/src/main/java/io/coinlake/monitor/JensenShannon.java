package io.coinlake.monitor;

/**
 * The Jensen–Shannon distance of two count vectors over the same bins, as scipy's
 * {@code spatial.distance.jensenshannon(p, q)} (natural logarithm, so at most sqrt(ln 2)):
 * sqrt((KL(p || m) + KL(q || m)) / 2), m = (p + q) / 2, each side normalised to shares.
 */
public final class JensenShannon {
  private JensenShannon() {}

  public static double distance(long[] reference, long[] current) {
    ChiSquare.requireSameLength(reference, current);
    double nP = ChiSquare.sum(reference);
    double nQ = ChiSquare.sum(current);
    double divergence = 0;
    for (int i = 0; i < reference.length; i++) {
      double p = reference[i] / nP;
      double q = current[i] / nQ;
      double m = (p + q) / 2;
      if (p > 0) {
        divergence += p * Math.log(p / m);
      }
      if (q > 0) {
        divergence += q * Math.log(q / m);
      }
    }
    return Math.sqrt(Math.max(0.0, divergence / 2));
  }
}
