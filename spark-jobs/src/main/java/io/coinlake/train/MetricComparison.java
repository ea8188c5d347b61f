package io.coinlake.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One summary metric of a run next to its reproduction. They match when equal, both NaN, or
 * within {@link #TOLERANCE} relative to the larger magnitude: sums over Spark partitions may
 * differ in the last bits when partial results merge in another order. A metric the original run
 * lacks ({@code original} null) never matches. Pure.
 */
public record MetricComparison(String metric, Double original, double reproduced) {
  /** Relative tolerance for "the same metric". */
  public static final double TOLERANCE = 1e-9;

  public boolean matches() {
    return original != null && close(original, reproduced, TOLERANCE);
  }

  /** |a - b| / max(|a|, |b|); 0 when equal, NaN when the original is absent or exactly one side is NaN. */
  public double relativeDifference() {
    if (original == null) {
      return Double.NaN;
    }
    double a = original;
    if (a == reproduced || Double.isNaN(a) && Double.isNaN(reproduced)) {
      return 0;
    }
    return Math.abs(a - reproduced) / Math.max(Math.abs(a), Math.abs(reproduced));
  }

  static boolean close(double a, double b, double tolerance) {
    if (a == b || Double.isNaN(a) && Double.isNaN(b)) {
      return true;
    }
    return Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b));
  }

  /** One comparison per reproduced metric, in the reproduction's order; {@code original} may lack keys. */
  public static List<MetricComparison> compare(Map<String, Double> original, Map<String, Double> reproduced) {
    List<MetricComparison> out = new ArrayList<>();
    reproduced.forEach((metric, value) -> out.add(new MetricComparison(metric, original.get(metric), value)));
    return out;
  }
}
