package io.coinlake.monitor;

/**
 * One column's drift verdict: the test, the threshold it was judged by, the score Evidently
 * reports as {@code drift_score} (a p-value for ks, chisquare and z; a distance otherwise) and
 * whether it drifted. {@code statistic} is the test's own statistic: the KS D, the chi-square
 * statistic, |z|, the Wasserstein distance before normalising; for PSI and Jensen–Shannon the
 * score itself.
 */
public record ColumnDrift(StatTest stattest, double threshold, double score, boolean detected, double statistic) {

  public static ColumnDrift judge(StatTest test, double threshold, double score, double statistic) {
    return new ColumnDrift(test, threshold, score, test.drifted(score, threshold), statistic);
  }
}
