package io.coinlake.monitor;

import io.coinlake.config.MonitoringConfig;
import io.coinlake.monitor.ColumnProfiles.Profile;
import io.coinlake.monitor.TestSelection.Choice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Evidently's DataDrift preset computed in Spark: for every monitored column a drift test chosen
 * as Evidently chooses it (or as configured), its score against a threshold, a data-quality
 * summary of reference and current, and a histogram over shared bins; the dataset drifts when
 * at least {@code driftShare} of the columns do.
 *
 * <p>Nothing row-sized reaches the driver: each input is aggregated once for the quality numbers
 * and merged once into a table of distinct values with counts ({@link ValueTable}), from which
 * the statistics come by Spark jobs returning a few numbers per column, bin or category. Each
 * input is read three times (profile, numerical values, categories): cache an input that is
 * expensive to compute. Pure: no I/O beyond reading the two datasets, no clock.
 */
public final class DataDrift {
  /** The most distinct values a count-based test or categorical chart may compare per column. */
  public static final int MAX_VALUES_PER_COLUMN = 10_000;

  private DataDrift() {}

  public static DriftReport compare(Dataset<Row> reference, Dataset<Row> current, List<ColumnSpec> columns, MonitoringConfig config) {
    // 1. both inputs have every column, numbers where numbers are expected
    InputColumns.require(reference, "reference", columns);
    InputColumns.require(current, "current", columns);

    // 2. the quality numbers of each input (one aggregation for both)
    ColumnProfiles.Both profiles = ColumnProfiles.of(reference, current, columns);
    Map<String, Profile> referenceProfiles = profiles.reference();
    Map<String, Profile> currentProfiles = profiles.current();

    List<ColumnSpec> numerical = columns.stream().filter(c -> c.kind() == ColumnKind.NUMERICAL).toList();
    List<ColumnSpec> categorical = columns.stream().filter(c -> c.kind() == ColumnKind.CATEGORICAL).toList();
    try (ValueTable numbers = ValueTable.build(reference, current, names(numerical), ColumnKind.NUMERICAL);
        ValueTable categories = ValueTable.build(reference, current, names(categorical), ColumnKind.CATEGORICAL)) {
      // 3. every column's test, from its usable value counts
      Map<String, Choice> choices = new HashMap<>();
      Map<String, ValueTable.Stats> stats = new HashMap<>();
      choose(numerical, numbers, referenceProfiles, currentProfiles, config, choices, stats);
      choose(categorical, categories, referenceProfiles, currentProfiles, config, choices, stats);

      // 4. the statistics
      Map<String, NumericalDrift.Outcome> numericalOutcomes = NumericalDrift.evaluate(numbers, numerical, choices,
          referenceProfiles, currentProfiles, config.histogramBins());
      Map<String, CategoricalDrift.Outcome> categoricalOutcomes = CategoricalDrift.evaluate(categories, categorical, choices);

      // 5. one report per column, in the order asked for
      List<ColumnReport> reports = new ArrayList<>();
      for (ColumnSpec column : columns) {
        ValueTable.Stats counts = stats.get(column.name());
        Profile ref = referenceProfiles.get(column.name());
        Profile cur = currentProfiles.get(column.name());
        if (column.kind() == ColumnKind.NUMERICAL) {
          NumericalDrift.Outcome outcome = numericalOutcomes.get(column.name());
          reports.add(new ColumnReport(column.name(), column.kind(), outcome.drift(),
              numericalQuality(ref, counts.referenceDistinct()), numericalQuality(cur, counts.currentDistinct()),
              outcome.histogram(), List.of(), List.of()));
        } else {
          CategoricalDrift.Outcome outcome = categoricalOutcomes.get(column.name());
          reports.add(new ColumnReport(column.name(), column.kind(), outcome.drift(),
              categoricalQuality(ref, counts.referenceDistinct(), outcome.counts().labels(), outcome.counts().reference()),
              categoricalQuality(cur, counts.currentDistinct(), outcome.counts().labels(), outcome.counts().current()),
              outcome.histogram(), outcome.newCategories(), outcome.missingCategories()));
        }
      }
      return new DriftReport(config.driftShare(), reports);
    }
  }

  private static void choose(List<ColumnSpec> columns, ValueTable table, Map<String, Profile> reference, Map<String, Profile> current,
      MonitoringConfig config, Map<String, Choice> choices, Map<String, ValueTable.Stats> stats) {
    for (int i = 0; i < columns.size(); i++) {
      ColumnSpec column = columns.get(i);
      ValueTable.Stats counts = table.stats(i);
      requireValues(column, "reference", counts.referenceCount(), reference.get(column.name()));
      requireValues(column, "current", counts.currentCount(), current.get(column.name()));
      stats.put(column.name(), counts);
      choices.put(column.name(), TestSelection.choose(column, counts.referenceCount(), counts.distinct(), config));
    }
  }

  private static void requireValues(ColumnSpec column, String side, long usable, Profile profile) {
    if (usable == 0) {
      throw new MonitoringException("column '" + column.name() + "' has no usable value in the " + side + " data ("
          + profile.rows() + " rows, " + profile.missing() + " missing, " + profile.infinite()
          + " infinite); leave it out of the monitored columns or fix its source");
    }
  }

  private static ColumnQuality numericalQuality(Profile p, long unique) {
    return new ColumnQuality(p.rows(), p.missing(), p.infinite(), p.rows() - p.missing(), unique,
        p.min(), p.max(), p.mean(), p.std(), p.p25(), p.p50(), p.p75(), null, 0);
  }

  private static ColumnQuality categoricalQuality(Profile p, long unique, List<String> labels, long[] counts) {
    int top = CategoricalDrift.mostCommon(counts);
    return new ColumnQuality(p.rows(), p.missing(), 0, p.rows() - p.missing(), unique,
        null, null, null, null, null, null, null, top < 0 ? null : labels.get(top), top < 0 ? 0 : counts[top]);
  }

  private static List<String> names(List<ColumnSpec> columns) {
    return columns.stream().map(ColumnSpec::name).toList();
  }
}
