package io.coinlake.synth;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The random source is reproducible and its distributions have the moments they claim. */
class SeededRandomTest {
  @Test
  void sameSeedAndStreamGiveTheSameNumbersOtherStreamsDoNot() {
    SeededRandom a = SeededRandom.stream(42, 3);
    SeededRandom b = SeededRandom.stream(42, 3);
    SeededRandom c = SeededRandom.stream(42, 4);
    SeededRandom d = SeededRandom.stream(43, 3);
    int sameAsOther = 0;
    for (int i = 0; i < 1000; i++) {
      long x = a.nextLong();
      assertEquals(x, b.nextLong());
      if (x == c.nextLong() || x == d.nextLong()) {
        sameAsOther++;
      }
    }
    assertEquals(0, sameAsOther);
  }

  @Test
  void firstNumberOfAStreamIsPinned() {
    // changing the generator changes every data set: bump Manifest.GENERATOR_VERSION then
    assertEquals(2935447337600878301L, SeededRandom.stream(42, 0).nextLong());
  }

  @Test
  void uniformsStayInTheirIntervals() {
    SeededRandom r = SeededRandom.stream(1, 1);
    for (int i = 0; i < 100_000; i++) {
      double u = r.nextDouble();
      assertTrue(u >= 0 && u < 1);
      double o = r.nextOpenDouble();
      assertTrue(o > 0 && o <= 1);
    }
  }

  @Test
  void gaussianHasMeanZeroAndVarianceOne() {
    SeededRandom r = SeededRandom.stream(5, 0);
    double[] m = moments(200_000, r::nextGaussian);
    assertEquals(0, m[0], 0.01);
    assertEquals(1, m[1], 0.02);
    assertEquals(3, m[2], 0.1);
  }

  @Test
  void gammaHasMeanAndVarianceEqualToItsShape() {
    SeededRandom r = SeededRandom.stream(6, 0);
    double[] m = moments(200_000, () -> r.nextGamma(2.5));
    assertEquals(2.5, m[0], 0.03);
    assertEquals(2.5, m[1], 0.08);
  }

  @Test
  void unitStudentTHasVarianceOneAndFatTails() {
    SeededRandom r = SeededRandom.stream(7, 0);
    double[] m = moments(400_000, () -> r.nextUnitStudentT(8));
    assertEquals(0, m[0], 0.01);
    assertEquals(1, m[1], 0.03);
    assertEquals(3 + 6.0 / (8 - 4), m[2], 0.5); // excess kurtosis of t(8) is 6/(df-4)
  }

  @Test
  void outOfRangeShapesAreRefused() {
    SeededRandom r = SeededRandom.stream(1, 1);
    assertThrows(IllegalArgumentException.class, () -> r.nextGamma(0.5));
    assertThrows(IllegalArgumentException.class, () -> r.nextUnitStudentT(2));
  }

  /** Mean, variance, kurtosis of n draws. */
  private static double[] moments(int n, java.util.function.DoubleSupplier draw) {
    double[] x = new double[n];
    double mean = 0;
    for (int i = 0; i < n; i++) {
      x[i] = draw.getAsDouble();
      mean += x[i] / n;
    }
    double m2 = 0;
    double m4 = 0;
    for (double v : x) {
      double d = (v - mean) * (v - mean);
      m2 += d / n;
      m4 += d * d / n;
    }
    return new double[] {mean, m2, m4 / (m2 * m2)};
  }
}
