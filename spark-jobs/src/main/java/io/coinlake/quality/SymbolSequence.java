package io.coinlake.quality;

import java.util.Locale;

/**
 * The sequence checks of one (symbol, interval) on plain arrays: the closes of the rows that passed
 * every other error check, in ts order. Computes what {@link ContractEvaluator}'s windows compute,
 * with Spark SQL's arithmetic: a division by zero or the log of a ratio {@code <= 0} is null, NaN
 * compares above every number and equal to itself, {@code 0.0} equals {@code -0.0}. Pure.
 */
final class SymbolSequence {
  private SymbolSequence() {}

  /**
   * The glitch check: a row fails when |ln(close / previous close)| exceeds {@code maxAbsLogReturn}
   * and the row before did not (the move back is not a glitch). {@code closes[i]} is null for a
   * null close; {@code why[i]} is set for the failing rows.
   */
  static void glitch(Double[] closes, int n, double maxAbsLogReturn, boolean[] pass, String[] why) {
    boolean previousBig = false;
    for (int i = 0; i < n; i++) {
      Double logReturn = i == 0 ? null : logReturn(closes[i], closes[i - 1]);
      boolean big = logReturn != null && greater(Math.abs(logReturn), maxAbsLogReturn);
      pass[i] = !(big && !previousBig);
      why[i] = pass[i] ? null : String.format(Locale.US, "|log return| %.3f vs the previous close exceeds %s",
          Math.abs(logReturn), maxAbsLogReturn);
      previousBig = big;
    }
  }

  /**
   * The stale check: a run is a row whose close differs from the previous one (or the first row),
   * then the rows repeating it; each repeat of a run of at least {@code minRun} rows fails.
   */
  static void stale(Double[] closes, int n, int minRun, boolean[] pass, String[] why) {
    int start = 0;
    for (int i = 1; i <= n; i++) {
      if (i < n && repeats(closes[i], closes[i - 1])) {
        continue;
      }
      int size = i - start;
      pass[start] = true;
      why[start] = null;
      for (int j = start + 1; j < i; j++) {
        pass[j] = size < minRun;
        why[j] = pass[j] ? null : "close unchanged for " + size + " rows in a row";
      }
      start = i;
    }
  }

  /** Spark SQL's {@code log(close / previous)}: null for a null input, a zero divisor or a ratio {@code <= 0}. */
  static Double logReturn(Double close, Double previous) {
    if (close == null || previous == null || previous == 0.0) {
      return null;
    }
    double ratio = close / previous;
    return ratio <= 0 ? null : Math.log(ratio);
  }

  /** Spark SQL's {@code close = previous}, with a null for false. */
  static boolean repeats(Double close, Double previous) {
    return close != null && previous != null && compare(close, previous) == 0;
  }

  /** Spark SQL's {@code a > b} on doubles. */
  static boolean greater(double a, double b) {
    return compare(a, b) > 0;
  }

  /** Spark SQL's order of doubles: NaN above everything and equal to itself, 0.0 equal to -0.0. */
  private static int compare(double a, double b) {
    return a == b ? 0 : Double.compare(a, b);
  }
}
