package io.coinlake.monitor;

import java.util.Locale;

/** Small helpers for the report pages: escaping and number formatting. */
final class Html {
  private Html() {}

  /** Text safe inside an element or a double-quoted attribute. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Three significant digits; tiny values in scientific notation; "–" for a missing or non-finite value. */
  static String number(Double value) {
    if (value == null || !Double.isFinite(value)) {
      return "\u2013";
    }
    double v = value;
    if (v == 0) {
      return "0";
    }
    if (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e6) {
      return String.format(Locale.ROOT, "%.2e", v);
    }
    String s = String.format(Locale.ROOT, "%.3g", v);
    return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }

  /** A share as a percentage, e.g. 0.6923 -> 69%. */
  static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f%%", 100 * share);
  }

  /** A count with thousands separators, e.g. 35,088. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
