package io.coinlake.quality;

/**
 * The result of one {@link AnomalyCheck} on a run, as the validation report shows it. Always
 * warning level: an anomaly is reported, it never fails the task.
 *
 * <p>{@code value} is the metric now; {@code previous} and {@code previousDate} (ISO date) are the
 * latest earlier run of the same source; {@code lowerBound}/{@code upperBound} are the allowed
 * range for {@code value} derived from {@code previous} (null = unbounded on that side).
 * {@code status}: {@link #PASSED}; {@link #WARNING} (outside the range); {@link #NO_HISTORY} (no
 * earlier run with this metric: previous and bounds are null, the value is stored as the first
 * point); {@link #NOT_MEASURED} (the metric could not be computed, e.g. a missing column or an
 * empty batch: value is null and {@code message} says why).
 */
public record AnomalyOutcome(
    String name, String metric, Double value, Double previous, String previousDate,
    Double lowerBound, Double upperBound, String status, String message) {

  public static final String PASSED = "passed";
  public static final String WARNING = "warning";
  public static final String NO_HISTORY = "no_history";
  public static final String NOT_MEASURED = "not_measured";

  /** True when the report should flag this anomaly (outside its range). */
  public boolean raisesWarning() {
    return WARNING.equals(status);
  }
}
