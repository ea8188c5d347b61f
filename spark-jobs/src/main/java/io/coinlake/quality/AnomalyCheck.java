package io.coinlake.quality;

import java.util.List;
import java.util.Set;

/**
 * One entry of a contract's {@code anomalies:} list: a batch metric compared with the same metric
 * of the previous run date of the same source (kept in the metrics repository). An anomaly is
 * always a warning: it is reported, it never fails the task or quarantines rows.
 *
 * <p>{@code metric} is {@code size} (rows in the batch; {@code column} must be absent) or
 * {@code completeness} (share of rows where {@code column} is not null). The allowed change is
 * given in exactly one of two styles:
 * <ul>
 *   <li><b>relative</b> ({@code maxRateDecrease} and/or {@code maxRateIncrease}; Deequ's
 *       {@code RelativeRateOfChangeStrategy}): the ratio now / previous must lie in
 *       [{@code maxRateDecrease}, {@code maxRateIncrease}], bounds included. So
 *       {@code maxRateDecrease: 0.5} allows down to half, {@code maxRateIncrease: 2.0} up to
 *       double. A missing side is unbounded. Invariants: {@code 0 <= maxRateDecrease <= 1 <=
 *       maxRateIncrease}, finite.</li>
 *   <li><b>absolute drop</b> ({@code maxDrop}; Deequ's {@code AbsoluteChangeStrategy} with only a
 *       lower limit): now - previous must be {@code >= -maxDrop}; a rise is never an anomaly.
 *       Invariants: {@code maxDrop >= 0}, finite, and {@code <= 1} for completeness.</li>
 * </ul>
 * Fields that do not belong to the chosen metric or style are rejected rather than ignored.
 */
public record AnomalyCheck(
    String name, String metric, String column, Double maxRateDecrease, Double maxRateIncrease,
    Double maxDrop) {

  public static final String SIZE = "size";
  public static final String COMPLETENESS = "completeness";
  public static final Set<String> METRICS = Set.of(SIZE, COMPLETENESS);

  public AnomalyCheck {
    if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("anomaly 'name' must be snake_case, got '" + name + "'");
    }
    if (metric == null || !METRICS.contains(metric)) {
      throw new IllegalArgumentException("anomaly '" + name + "': 'metric' must be one of "
          + METRICS + ", got '" + metric + "'");
    }
    boolean hasColumn = column != null && !column.isBlank();
    if (metric.equals(SIZE) && column != null) {
      throw new IllegalArgumentException("anomaly '" + name
          + "': metric size counts rows; remove 'column'");
    }
    if (metric.equals(COMPLETENESS) && !hasColumn) {
      throw new IllegalArgumentException("anomaly '" + name
          + "': metric completeness needs 'column'");
    }
    boolean relative = maxRateDecrease != null || maxRateIncrease != null;
    if (relative == (maxDrop != null)) {
      throw new IllegalArgumentException("anomaly '" + name + "': give either 'maxRateDecrease'"
          + "/'maxRateIncrease' (relative change) or 'maxDrop' (absolute drop), not "
          + (relative ? "both" : "neither"));
    }
    if (maxRateDecrease != null && !(maxRateDecrease >= 0 && maxRateDecrease <= 1)) {
      throw new IllegalArgumentException("anomaly '" + name
          + "': 'maxRateDecrease' is the least allowed ratio now/previous and must be between 0"
          + " and 1, got " + maxRateDecrease);
    }
    if (maxRateIncrease != null && !(maxRateIncrease >= 1 && maxRateIncrease < Double.MAX_VALUE)) {
      throw new IllegalArgumentException("anomaly '" + name
          + "': 'maxRateIncrease' is the largest allowed ratio now/previous and must be a finite"
          + " number >= 1, got " + maxRateIncrease);
    }
    if (maxDrop != null) {
      double limit = metric.equals(COMPLETENESS) ? 1.0 : Double.MAX_VALUE;
      if (!(maxDrop >= 0 && maxDrop <= limit)) {
        throw new IllegalArgumentException("anomaly '" + name + "': 'maxDrop' must be "
            + (metric.equals(COMPLETENESS) ? "between 0 and 1" : "a finite number >= 0")
            + ", got " + maxDrop);
      }
    }
  }

  /** A relative-change check on the row count. */
  public static AnomalyCheck sizeChange(String name, Double maxRateDecrease, Double maxRateIncrease) {
    return new AnomalyCheck(name, SIZE, null, maxRateDecrease, maxRateIncrease, null);
  }

  /** An absolute-drop check on the completeness of {@code column}. */
  public static AnomalyCheck completenessDrop(String name, String column, double maxDrop) {
    return new AnomalyCheck(name, COMPLETENESS, column, null, null, maxDrop);
  }

  /** True for the relative style (ratio now/previous), false for the absolute drop. */
  public boolean isRelative() {
    return maxDrop == null;
  }

  /** The columns the metric reads (empty for size). */
  public List<String> columns() {
    return column == null ? List.of() : List.of(column);
  }

  /** The lower bound for the value now, given the previous value; null when unbounded. */
  public Double lowerBound(double previous) {
    if (isRelative()) {
      return maxRateDecrease == null ? null : previous * maxRateDecrease;
    }
    return previous - maxDrop;
  }

  /** The upper bound for the value now, given the previous value; null when unbounded. */
  public Double upperBound(double previous) {
    return isRelative() && maxRateIncrease != null ? previous * maxRateIncrease : null;
  }

  /** E.g. {@code size} or {@code completeness(close)}, for messages. */
  public String describeMetric() {
    return column == null ? metric : metric + "(" + column + ")";
  }
}
