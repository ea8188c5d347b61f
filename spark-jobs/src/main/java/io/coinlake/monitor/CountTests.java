package io.coinlake.monitor;

/** Runs a count-based test (chi-square, z, PSI, Jensen–Shannon) on per-bin counts and judges it. */
final class CountTests {
  private CountTests() {}

  static ColumnDrift judge(TestSelection.Choice choice, long[] reference, long[] current) {
    StatTest test = choice.test();
    return switch (test) {
      case CHISQUARE -> ColumnDrift.judge(test, choice.threshold(), ChiSquare.pValue(reference, current), ChiSquare.statistic(reference, current));
      case Z -> ColumnDrift.judge(test, choice.threshold(), TwoProportionZ.pValue(reference, current), Math.abs(TwoProportionZ.statistic(reference, current)));
      case PSI -> {
        double psi = Psi.value(reference, current);
        yield ColumnDrift.judge(test, choice.threshold(), psi, psi);
      }
      case JENSENSHANNON -> {
        double distance = JensenShannon.distance(reference, current);
        yield ColumnDrift.judge(test, choice.threshold(), distance, distance);
      }
      default -> throw new IllegalArgumentException(test.id() + " is not a test on counts");
    };
  }
}
