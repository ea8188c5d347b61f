package io.coinlake.quality;

/**
 * What Deequ measured for one {@link ConstraintSpec}. {@code metric} is the
 * compliance/completeness/uniqueness fraction, or NaN when it could not be computed (missing
 * column, invalid predicate, empty data, ...); then {@code passed} is false and {@code message}
 * says why. {@code threshold} is the spec's {@code minFraction}; otherwise
 * {@code passed == metric >= threshold}.
 */
public record ConstraintOutcome(
    String name, Level level, boolean passed, double metric, double threshold, String message) {

  /** True when the metric was computed (as opposed to a spec or data problem). */
  public boolean measured() {
    return !Double.isNaN(metric);
  }
}
