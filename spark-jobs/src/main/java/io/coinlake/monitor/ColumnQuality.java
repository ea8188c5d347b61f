package io.coinlake.monitor;

/**
 * Data-quality summary of one column in one input (reference or current). {@code missing} counts
 * nulls (and NaN for numbers); {@code count} the rest; {@code unique} the distinct values the
 * drift test saw (finite ones for numbers). The numbers are over finite values and null when
 * there are none or the column is categorical; quartiles are sample values from Spark's
 * {@code percentile_approx} (see {@link ColumnProfiles}). {@code mostCommon} is for categorical
 * columns only (null otherwise).
 */
public record ColumnQuality(
    long rows,
    long missing,
    long infinite,
    long count,
    long unique,
    Double min,
    Double max,
    Double mean,
    Double std,
    Double p25,
    Double p50,
    Double p75,
    String mostCommon,
    long mostCommonCount) {

  /** Missing values as a share of rows (0 for an empty input). */
  public double missingShare() {
    return rows == 0 ? 0.0 : (double) missing / rows;
  }
}
