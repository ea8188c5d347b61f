package io.coinlake.train;

import java.time.LocalDate;

/**
 * One walk-forward fold, the same dates for every symbol. Validation is [validStart, validEnd);
 * training rows are those whose whole label window ends before validStart and whose ts is at
 * least purgeDays before it, so no training label overlaps the validation block.
 */
public record Fold(int index, LocalDate trainEndExclusive, LocalDate validStart, LocalDate validEnd) {
  public Fold {
    if (trainEndExclusive.isAfter(validStart)) {
      throw new IllegalArgumentException("fold " + index + ": training must end before validation starts");
    }
    if (!validStart.isBefore(validEnd)) {
      throw new IllegalArgumentException("fold " + index + ": empty validation block");
    }
  }
}
