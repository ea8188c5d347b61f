package io.coinlake.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CountTestsTest {
  private static final long[] REFERENCE = {40, 35, 25};
  private static final long[] CURRENT = {25, 35, 40};

  @Test
  void chiSquareByHand() {
    // expected = reference * 100/100: (25-40)^2/40 + 0 + (40-25)^2/25 = 5.625 + 9 = 14.625, 2 degrees
    // of freedom, whose survival function is exp(-x/2)
    assertEquals(14.625, ChiSquare.statistic(REFERENCE, CURRENT), 1e-12);
    assertEquals(Math.exp(-14.625 / 2), ChiSquare.pValue(REFERENCE, CURRENT), 1e-15);
    assertEquals(0.0006671470977542673, ChiSquare.pValue(REFERENCE, CURRENT), 1e-15); // scipy.stats.chisquare
  }

  @Test
  void chiSquareScalesTheReferenceToTheCurrentTotal() {
    // current is the reference distribution at twice the size: no difference at all
    assertEquals(0.0, ChiSquare.statistic(REFERENCE, new long[] {80, 70, 50}), 1e-12);
    assertEquals(1.0, ChiSquare.pValue(REFERENCE, new long[] {80, 70, 50}), 1e-12);
  }

  @Test
  void aValueNewInCurrentMakesChiSquareInfinite() {
    assertEquals(Double.POSITIVE_INFINITY, ChiSquare.statistic(new long[] {3, 0}, new long[] {2, 1}));
    assertEquals(0.0, ChiSquare.pValue(new long[] {3, 0}, new long[] {2, 1}));
  }

  @Test
  void jensenShannonByHand() {
    double[] p = {0.40, 0.35, 0.25};
    double[] q = {0.25, 0.35, 0.40};
    double js = 0;
    for (int i = 0; i < 3; i++) {
      double m = (p[i] + q[i]) / 2;
      js += p[i] * Math.log(p[i] / m) + q[i] * Math.log(q[i] / m);
    }
    assertEquals(Math.sqrt(js / 2), JensenShannon.distance(REFERENCE, CURRENT), 1e-15);
    assertEquals(0.13215400029671842, JensenShannon.distance(REFERENCE, CURRENT), 1e-15); // scipy jensenshannon
    // a category only current has: scipy gives 0.247673356622428
    assertEquals(0.247673356622428, JensenShannon.distance(new long[] {40, 35, 25, 0}, new long[] {20, 30, 40, 10}), 1e-15);
    assertEquals(0.0, JensenShannon.distance(REFERENCE, new long[] {8, 7, 5}), 1e-15);
  }

  @Test
  void psiByHand() {
    // shares 0.5/0.3/0.2 against 0.3/0.3/0.4:
    // (0.5-0.3) ln(0.5/0.3) + 0 + (0.2-0.4) ln(0.2/0.4) = 0.2 ln(5/3) + 0.2 ln 2
    double expected = 0.2 * Math.log(5.0 / 3.0) + 0.2 * Math.log(2.0);
    assertEquals(0.24079456086518730, expected, 1e-15);
    assertEquals(expected, Psi.value(new long[] {50, 30, 20}, new long[] {30, 30, 40}), 1e-15);
  }

  @Test
  void psiFillsEmptyBinsAsEvidentlyDoes() {
    // reference shares 0.5, 0.5, 0 -> the empty bin becomes 0.0001; current 0.25 each side
    double r = 0.0001;
    double expected = (0.5 - 0.25) * Math.log(0.5 / 0.25) * 2 + (r - 0.5) * Math.log(r / 0.5);
    assertEquals(expected, Psi.value(new long[] {2, 2, 0}, new long[] {1, 1, 2}), 1e-12);
    // a non-empty share at most 0.0001 turns empty bins into that share / 10^6
    double[] shares = Psi.filledShares(new long[] {19_999, 1, 0});
    assertEquals(1.0 / 20_000 / 1e6, shares[2], 1e-25);
  }

  @Test
  void zTestOnTwoProportions() {
    // "other than the first value": 40 of 100 in reference, 55 of 100 in current; scipy/Evidently: z = -2.12398, p = 0.033672
    long[] reference = {60, 40};
    long[] current = {45, 55};
    assertEquals(-2.1239769762143665, TwoProportionZ.statistic(reference, current), 1e-12);
    assertEquals(0.03367206885634566, TwoProportionZ.pValue(reference, current), 1e-12);
    assertEquals(1.0, TwoProportionZ.pValue(new long[] {7, 0}, new long[] {3, 0}));
  }

  @Test
  void verdictsFollowEvidentlysComparisons() {
    assertTrue(StatTest.KS.drifted(0.05, 0.05));
    assertFalse(StatTest.CHISQUARE.drifted(0.05, 0.05));
    assertFalse(StatTest.Z.drifted(0.05, 0.05));
    assertTrue(StatTest.WASSERSTEIN.drifted(0.1, 0.1));
    assertTrue(StatTest.PSI.drifted(0.1, 0.1));
    assertFalse(StatTest.JENSENSHANNON.drifted(0.0999, 0.1));
    assertEquals("K-S p_value", StatTest.KS.displayName());
    assertEquals(StatTest.JENSENSHANNON, StatTest.byId("JensenShannon"));
  }

  @Test
  void defaultSelectionFollowsEvidently() {
    assertEquals(StatTest.KS, TestSelection.evidentlyDefault(ColumnKind.NUMERICAL, 1000, 6));
    assertEquals(StatTest.CHISQUARE, TestSelection.evidentlyDefault(ColumnKind.NUMERICAL, 1000, 5));
    assertEquals(StatTest.Z, TestSelection.evidentlyDefault(ColumnKind.NUMERICAL, 10, 2));
    assertEquals(StatTest.WASSERSTEIN, TestSelection.evidentlyDefault(ColumnKind.NUMERICAL, 1001, 6));
    assertEquals(StatTest.JENSENSHANNON, TestSelection.evidentlyDefault(ColumnKind.NUMERICAL, 1001, 5));
    assertEquals(StatTest.CHISQUARE, TestSelection.evidentlyDefault(ColumnKind.CATEGORICAL, 1000, 3));
    assertEquals(StatTest.Z, TestSelection.evidentlyDefault(ColumnKind.CATEGORICAL, 1000, 2));
    assertEquals(StatTest.JENSENSHANNON, TestSelection.evidentlyDefault(ColumnKind.CATEGORICAL, 1001, 40));
  }
}
