package io.coinlake.monitor;

import io.coinlake.config.DriftTestConfig;
import io.coinlake.config.MonitoringConfig;

/**
 * Picks each column's test and threshold: the column's own config, else its kind's block, else
 * Evidently's default rule ({@code _get_default_stattest} in Evidently's stattest registry):
 * <ul>
 *   <li>reference of at most 1000 values: numerical with more than 5 distinct values (reference and
 *       current together) -> ks; with 3..5 -> chisquare; with 1..2 -> z. Categorical: chisquare,
 *       or z when at most 2 distinct values;
 *   <li>more than 1000 reference values: numerical with more than 5 distinct values -> wasserstein,
 *       else jensenshannon; categorical -> jensenshannon.
 * </ul>
 * Counts are taken after nulls, NaN and infinities are dropped, as Evidently does.
 */
public final class TestSelection {
  /** Up to this many reference values the "small sample" tests (ks, chisquare, z) apply. */
  public static final long SMALL_SAMPLE_MAX = 1000;
  /** A numerical column with at most this many distinct values is tested like a categorical one. */
  public static final long FEW_VALUES_MAX = 5;
  /** At most this many distinct values: the two-proportion z-test instead of chi-square. */
  public static final long BINARY_MAX = 2;

  /** A column's test and the threshold it is judged by. */
  public record Choice(StatTest test, double threshold) {}

  private TestSelection() {}

  public static Choice choose(ColumnSpec column, long referenceCount, long distinctValues, MonitoringConfig config) {
    DriftTestConfig own = config.forColumn(column.name());
    DriftTestConfig kind = config.forKind(column.kind());
    StatTest test = own.test().or(kind::test)
        .orElseGet(() -> evidentlyDefault(column.kind(), referenceCount, distinctValues));
    if (!test.accepts(column.kind())) {
      throw new MonitoringException("monitoring.columns." + column.name() + ".stattest: " + test.id()
          + " does not apply to the " + column.kind().name().toLowerCase() + " column '" + column.name()
          + "'; use one of: " + StatTest.idsFor(column.kind()));
    }
    double threshold = own.thresholdValue().orElse(kind.thresholdValue().orElse(test.defaultThreshold()));
    return new Choice(test, threshold);
  }

  /** Evidently's default test for a column of this kind, reference size and distinct value count. */
  public static StatTest evidentlyDefault(ColumnKind kind, long referenceCount, long distinctValues) {
    boolean fewValues = kind == ColumnKind.CATEGORICAL || distinctValues <= FEW_VALUES_MAX;
    if (referenceCount <= SMALL_SAMPLE_MAX) {
      if (!fewValues) {
        return StatTest.KS;
      }
      return distinctValues > BINARY_MAX ? StatTest.CHISQUARE : StatTest.Z;
    }
    return fewValues ? StatTest.JENSENSHANNON : StatTest.WASSERSTEIN;
  }
}
