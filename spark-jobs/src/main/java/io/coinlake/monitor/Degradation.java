package io.coinlake.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether the model got worse than its cross-validation promised: a metric is degraded when its
 * value over the current window exceeds {@code factor} times the champion's CV value of the same
 * metric (RMSE, MAE, QLIKE; lower is better for each). Without matured labels nothing can be
 * judged: {@link #judged()} is false and nothing is degraded. A CV value that is missing (NaN) is
 * not compared.
 */
public record Degradation(double factor, ErrorMetrics cv, ErrorMetrics current, List<String> degradedMetrics) {
  public Degradation {
    degradedMetrics = List.copyOf(degradedMetrics);
  }

  public static Degradation judge(ErrorMetrics current, ErrorMetrics cv, double factor) {
    if (!(factor > 0)) {
      throw new IllegalArgumentException("the degradation factor must be > 0, got " + factor);
    }
    List<String> degraded = new ArrayList<>();
    if (current != null && current.rows() > 0) {
      Map<String, Double> now = current.byName();
      cv.byName().forEach((metric, promised) -> {
        if (exceeds(now.get(metric), promised, factor)) {
          degraded.add(metric);
        }
      });
    }
    return new Degradation(factor, cv, current, degraded);
  }

  /** True when {@code value} is above {@code factor} times a finite {@code cv}. */
  public static boolean exceeds(double value, double cv, double factor) {
    return Double.isFinite(cv) && value > factor * cv;
  }

  /** True when matured labels allowed a comparison. */
  public boolean judged() {
    return current != null && current.rows() > 0;
  }

  public boolean degraded() {
    return !degradedMetrics.isEmpty();
  }

  /** current / CV for a metric (NaN when not judged or the CV value is missing or 0). */
  public double ratio(String metric) {
    if (!judged()) {
      return Double.NaN;
    }
    double promised = cv.byName().get(metric);
    return promised == 0 || !Double.isFinite(promised) ? Double.NaN : current.byName().get(metric) / promised;
  }
}
