package io.coinlake.tracking;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Python's {@code repr(float)}, the text MLflow writes for a metric value ({@code f"{value}"}):
 * the shortest digits that round-trip, fixed notation for decimal exponents in [-4, 16), otherwise
 * {@code 1e-05} style; {@code nan}, {@code inf}, {@code -inf}. Java 17's {@code Double.toString}
 * is not always shortest, so the digits come from Jackson's Schubfach writer.
 */
final class PythonFloat {
  private PythonFloat() {}

  static String repr(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0.0) {
      return (1.0 / v < 0) ? "-0.0" : "0.0";
    }
    String sign = v < 0 ? "-" : "";
    BigDecimal d = new BigDecimal(NumberOutput.toString(Math.abs(v), true)).stripTrailingZeros();
    if (d.precision() == 2) {
      // Java's format wants two digits, so Schubfach may give 4.9E-324 where one digit (5e-324)
      // already round-trips; CPython prints the shortest.
      d = shorterIfExact(d, Math.abs(v));
    }
    String digits = d.unscaledValue().toString();
    // value = 0.<digits> * 10^decpt, as in CPython's format_float_short
    int decpt = digits.length() - d.scale();
    if (decpt <= -4 || decpt > 16) {
      String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      int exp = decpt - 1;
      return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exp));
    }
    if (decpt <= 0) {
      return sign + "0." + "0".repeat(-decpt) + digits;
    }
    if (decpt >= digits.length()) {
      return sign + digits + "0".repeat(decpt - digits.length()) + ".0";
    }
    return sign + digits.substring(0, decpt) + "." + digits.substring(decpt);
  }

  private static BigDecimal shorterIfExact(BigDecimal twoDigits, double abs) {
    MathContext one = new MathContext(1, RoundingMode.HALF_EVEN);
    BigDecimal nearest = twoDigits.round(one);
    if (nearest.doubleValue() == abs) {
      return nearest.stripTrailingZeros();
    }
    // one unit in the single significant digit of `nearest`
    BigDecimal ulp = BigDecimal.ONE.scaleByPowerOfTen(nearest.precision() - 1 - nearest.scale());
    for (BigDecimal other : new BigDecimal[] {nearest.add(ulp), nearest.subtract(ulp)}) {
      if (other.signum() > 0 && other.doubleValue() == abs) {
        return other.stripTrailingZeros();
      }
    }
    return twoDigits;
  }

  /** Python's {@code float(text)} for what {@link #repr} and MLflow write. */
  static double parse(String text) {
    String t = text.strip();
    switch (t.toLowerCase(Locale.ROOT)) {
      case "nan", "+nan", "-nan":
        return Double.NaN;
      case "inf", "+inf", "infinity", "+infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf", "-infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        return Double.parseDouble(t);
    }
  }
}
