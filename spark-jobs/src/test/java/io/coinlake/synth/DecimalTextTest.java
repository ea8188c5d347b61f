package io.coinlake.synth;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Decimal text is exact, plain, without trailing zeros, and keeps order on one grid. */
class DecimalTextTest {
  private static String text(double v, int decimals) {
    byte[] buffer = new byte[DecimalText.MAX_CHARS];
    int end = DecimalText.append(buffer, 0, v, decimals);
    return new String(buffer, 0, end, StandardCharsets.US_ASCII);
  }

  private static String scaled(long mantissa, int decimals) {
    byte[] buffer = new byte[DecimalText.MAX_CHARS];
    int end = DecimalText.appendScaled(buffer, 0, mantissa, decimals);
    return new String(buffer, 0, end, StandardCharsets.US_ASCII);
  }

  @Test
  void writesPlainDecimals() {
    assertEquals("41234.5", text(41234.5, 6));
    assertEquals("0.000123", text(0.000123, 12));
    assertEquals("7", text(7.0, 3));
    assertEquals("0", text(0.0, 4));
    assertEquals("100", text(100.0, 0));
    assertEquals("1.235", text(1.2345, 3)); // 1.2345 * 1000 is 1234.5 as a double, then half up
    assertEquals("123", text(123.0, 0));
    assertEquals("0.1000000000000000055511", text(0.1, 22)); // the double nearest 0.1, exactly, to 22 places
  }

  @Test
  void scaledMantissasMatchBigDecimal() {
    SeededRandom r = SeededRandom.stream(11, 0);
    for (int i = 0; i < 100_000; i++) {
      long m = (r.nextLong() >>> 1) % (i % 2 == 0 ? 1_000_000L : 1_000_000_000_000_000L);
      int decimals = (int) ((r.nextLong() >>> 1) % 23);
      String expected = BigDecimal.valueOf(m, decimals).stripTrailingZeros().toPlainString();
      assertEquals(m == 0 ? "0" : expected, scaled(m, decimals), m + " e-" + decimals);
    }
  }

  @Test
  void roundsToHalfAGridStepAndKeepsOrder() {
    SeededRandom r = SeededRandom.stream(12, 0);
    for (int i = 0; i < 50_000; i++) {
      double a = r.logUniform(1e-9, 1e9);
      double b = a * (1 + r.nextDouble() * 1e-6);
      int decimals = DecimalText.decimalsFor(a, 10);
      BigDecimal ta = new BigDecimal(text(a, decimals));
      BigDecimal tb = new BigDecimal(text(b, decimals));
      BigDecimal step = BigDecimal.ONE.movePointLeft(decimals);
      assertTrue(ta.subtract(new BigDecimal(a)).abs().compareTo(step.multiply(new BigDecimal("0.5000001"))) <= 0, a + " -> " + ta);
      assertTrue(ta.compareTo(tb) <= 0, a + " <= " + b + " but " + ta + " > " + tb);
      assertTrue(ta.precision() <= 11, a + " -> " + ta);
      String written = text(a, decimals);
      assertFalse(written.contains(".") && written.endsWith("0"), written);
      assertFalse(written.contains("E"), written);
    }
  }

  @Test
  void giveAtLeastTheAskedSignificantDigits() {
    assertEquals(9, DecimalText.decimalsFor(1.0, 10));
    assertEquals(0, DecimalText.decimalsFor(12_345_678_901.0, 10));
    assertEquals(14, DecimalText.decimalsFor(0.00001234, 10));
    assertEquals("0.00001234567891", text(0.0000123456789123, DecimalText.decimalsFor(0.0000123456789123, 10)));
  }

  @Test
  void exponentIsTheFloorOfLog10() {
    assertEquals(0, DecimalText.exponent10(1));
    assertEquals(0, DecimalText.exponent10(9.99));
    assertEquals(1, DecimalText.exponent10(10));
    assertEquals(5, DecimalText.exponent10(123_456));
    assertEquals(-1, DecimalText.exponent10(0.1));
    assertEquals(-2, DecimalText.exponent10(0.099));
    assertEquals(-5, DecimalText.exponent10(1e-5));
    assertEquals(22, DecimalText.exponent10(1e30));
  }

  @Test
  void tinyValuesBeyondTheExactGridStillComeOutExact() {
    String t = text(1.5e-20, 30);
    assertEquals(new BigDecimal(1.5e-20).setScale(30, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString(), t);
    assertThrows(IllegalArgumentException.class, () -> text(-1, 2));
    assertThrows(IllegalArgumentException.class, () -> text(Double.NaN, 2));
  }
}
