package io.coinlake.config;

/**
 * Walk-forward CV: {@code folds} validation blocks cut at the same dates for every symbol, after
 * an initial {@code minTrainFraction} of the time range; {@code purgeDays} between the last
 * training label and the validation block, at least the label horizon.
 */
public record CvConfig(int folds, int purgeDays, double minTrainFraction) {
  public CvConfig {
    Checks.positive(folds, "folds");
    Checks.positive(purgeDays, "purgeDays");
    if (!(minTrainFraction > 0 && minTrainFraction < 1)) {
      throw new IllegalArgumentException("'minTrainFraction' must be between 0 and 1 (exclusive), got " + minTrainFraction);
    }
  }
}
