package io.coinlake.train;

import static io.coinlake.lake.Columns.*;
import static org.apache.spark.sql.functions.*;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * Expanding-window walk-forward CV by calendar date. The first {@code minTrainFraction} of the
 * date range only ever trains; the rest is cut into {@code folds} equal validation blocks. Pure.
 */
public final class WalkForwardSplits {
  private WalkForwardSplits() {}

  /** Folds over [first, last] (inclusive dates of the rows with labels). */
  public static List<Fold> folds(LocalDate first, LocalDate last, int folds, double minTrainFraction, int purgeDays) {
    long days = ChronoUnit.DAYS.between(first, last) + 1;
    long initial = (long) Math.floor(days * minTrainFraction);
    long block = (days - initial) / folds;
    if (block < 1 || initial <= purgeDays) {
      throw new IllegalArgumentException("the data spans " + days + " days, too few for " + folds
          + " folds after a " + minTrainFraction + " initial training share and a " + purgeDays + "-day purge");
    }
    List<Fold> out = new ArrayList<>();
    for (int k = 0; k < folds; k++) {
      LocalDate validStart = first.plusDays(initial + k * block);
      LocalDate validEnd = k == folds - 1 ? last.plusDays(1) : validStart.plusDays(block);
      out.add(new Fold(k, validStart.minusDays(purgeDays), validStart, validEnd));
    }
    return out;
  }

  /** Training rows of a fold: ts before the purge cut, and the label window ends before validation. */
  public static Column trainCondition(Fold fold) {
    return col(TS).lt(lit(start(fold.trainEndExclusive())))
        .and(col(LABEL_END_TS).lt(lit(start(fold.validStart()))));
  }

  public static Column validCondition(Fold fold) {
    return col(TS).geq(lit(start(fold.validStart()))).and(col(TS).lt(lit(start(fold.validEnd()))));
  }

  static Timestamp start(LocalDate date) {
    return Timestamp.from(date.atStartOfDay().toInstant(ZoneOffset.UTC));
  }
}
