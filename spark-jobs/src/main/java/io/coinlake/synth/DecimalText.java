package io.coinlake.synth;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Fast, exact decimal text for positive doubles, written straight into a byte buffer: a value is
 * rounded to a grid of {@code 10^-decimals} and printed in plain notation without trailing
 * zeros ("0.000123", "41234.5", "7"). Rounding on one grid is monotone, so values written with
 * the same {@code decimals} keep their order, which is what keeps low <= open, close <= high
 * true in the text.
 */
public final class DecimalText {
  /** The widest text {@link #append} writes: a 19-digit mantissa, "0.", the zeros of 22 decimals. */
  public static final int MAX_CHARS = 48;
  private static final int MAX_EXACT_DECIMALS = 22;
  private static final double[] POW10 = new double[MAX_EXACT_DECIMALS + 1];
  private static final double[] NEG_POW10 = new double[MAX_EXACT_DECIMALS + 1];

  static {
    for (int i = 0; i <= MAX_EXACT_DECIMALS; i++) {
      POW10[i] = Double.parseDouble("1e" + i);
      NEG_POW10[i] = Double.parseDouble("1e-" + i);
    }
  }

  private DecimalText() {}

  /** floor(log10(v)) for v > 0, clamped to [-23, 22]; exact at the powers of ten as doubles. */
  public static int exponent10(double v) {
    if (v >= 1) {
      int e = 0;
      while (e < MAX_EXACT_DECIMALS && v >= POW10[e + 1]) {
        e++;
      }
      return e;
    }
    int k = 1;
    while (k <= MAX_EXACT_DECIMALS && v < NEG_POW10[k]) {
      k++;
    }
    return -k;
  }

  /** The decimals that give {@code v} at least {@code significant} significant digits (0 for large values). */
  public static int decimalsFor(double v, int significant) {
    return Math.max(0, significant - 1 - exponent10(v));
  }

  /** Writes {@code v} (finite, >= 0) rounded half up to {@code decimals} places; returns the position after it. */
  public static int append(byte[] buffer, int pos, double v, int decimals) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("cannot write " + v + " as a plain decimal");
    }
    if (decimals <= MAX_EXACT_DECIMALS) {
      double scaled = v * POW10[decimals];
      if (scaled < 0x1.0p53) {
        return appendScaled(buffer, pos, Math.round(scaled), decimals);
      }
    }
    String text = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    for (int i = 0; i < text.length(); i++) {
      buffer[pos++] = (byte) text.charAt(i);
    }
    return pos;
  }

  /** Writes {@code mantissa * 10^-decimals} in plain notation without trailing zeros. */
  static int appendScaled(byte[] buffer, int pos, long mantissa, int decimals) {
    long m = mantissa;
    int dec = decimals;
    while (dec > 0 && m % 10 == 0) {
      m /= 10;
      dec--;
    }
    int digits = 1;
    for (long rest = m / 10; rest > 0; rest /= 10) {
      digits++;
    }
    if (dec >= digits) {
      buffer[pos++] = '0';
      buffer[pos++] = '.';
      for (int i = 0; i < dec - digits; i++) {
        buffer[pos++] = '0';
      }
      return writeDigits(buffer, pos, m, digits, -1);
    }
    return writeDigits(buffer, pos, m, digits, dec == 0 ? -1 : digits - dec);
  }

  /** Writes the {@code digits} digits of m, with a '.' before digit number {@code pointAt} (none if < 0). */
  private static int writeDigits(byte[] buffer, int pos, long m, int digits, int pointAt) {
    int end = pos + digits + (pointAt >= 0 ? 1 : 0);
    int i = end;
    int written = 0;
    long rest = m;
    while (written < digits) {
      if (pointAt >= 0 && written == digits - pointAt) {
        buffer[--i] = '.';
      }
      buffer[--i] = (byte) ('0' + rest % 10);
      rest /= 10;
      written++;
    }
    return end;
  }
}
