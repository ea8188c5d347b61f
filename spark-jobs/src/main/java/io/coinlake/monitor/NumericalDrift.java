package io.coinlake.monitor;

import io.coinlake.monitor.ColumnProfiles.Profile;
import io.coinlake.monitor.TestSelection.Choice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores the numerical columns from their {@link ValueTable}, each by its chosen test: ks and
 * wasserstein from the exact ECDFs ({@link EcdfScan}); chisquare and z on the counts per value;
 * PSI and Jensen–Shannon on counts per value when the reference holds at most
 * {@value #VALUE_BINS_MAX} distinct values, else on Sturges bins over both inputs (Evidently's
 * binning). Also counts every column's chart histogram. A handful of Spark jobs serve all columns
 * together; only per-column, per-bin and per-value counts reach the driver.
 */
final class NumericalDrift {
  /** Evidently bins a numerical column for PSI / Jensen–Shannon only above this many distinct reference values. */
  static final long VALUE_BINS_MAX = 20;
  /** Evidently's floor for the reference standard deviation that normalises the Wasserstein distance. */
  static final double MIN_NORM = 0.001;

  /** A column's verdict and its chart. */
  record Outcome(ColumnDrift drift, Histogram histogram) {}

  private NumericalDrift() {}

  /**
   * @param columns the numerical columns, in the order the value table indexes them
   * @param histogramBins bins of the chart histograms
   */
  static Map<String, Outcome> evaluate(ValueTable table, List<ColumnSpec> columns, Map<String, Choice> choices,
      Map<String, Profile> reference, Map<String, Profile> current, int histogramBins) {
    List<Integer> ecdf = new ArrayList<>();
    List<Integer> perValue = new ArrayList<>();
    List<BinCounts.Plan> plans = new ArrayList<>();
    Map<Integer, double[]> chartEdges = new HashMap<>();
    Map<Integer, long[]> totals = new HashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      ColumnSpec column = columns.get(i);
      ValueTable.Stats stats = table.stats(i);
      totals.put(i, new long[] {stats.referenceCount(), stats.currentCount()});
      double lo = Math.min(reference.get(column.name()).min(), current.get(column.name()).min());
      double hi = Math.max(reference.get(column.name()).max(), current.get(column.name()).max());
      chartEdges.put(i, BinEdges.equalWidth(lo, hi, histogramBins));
      plans.add(new BinCounts.Plan(chartPlan(i), i, chartEdges.get(i)));
      switch (choices.get(column.name()).test()) {
        case KS, WASSERSTEIN -> ecdf.add(i);
        case PSI, JENSENSHANNON -> {
          if (stats.referenceDistinct() > VALUE_BINS_MAX) {
            plans.add(new BinCounts.Plan(testPlan(i), i, BinEdges.sturges(lo, hi, stats.referenceCount() + stats.currentCount())));
          } else {
            perValue.add(requireFewValues(i, column, stats, choices.get(column.name()).test()));
          }
        }
        default -> perValue.add(requireFewValues(i, column, stats, choices.get(column.name()).test()));
      }
    }
    Map<Integer, EcdfScan.Result> ecdfs = EcdfScan.scan(table.table(), ecdf, totals);
    Map<Integer, ValueCounts> values = table.collect(perValue);
    Map<Integer, BinCounts.Counts> bins = BinCounts.count(table.table(), plans);

    Map<String, Outcome> out = new HashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      ColumnSpec column = columns.get(i);
      Choice choice = choices.get(column.name());
      ColumnDrift drift;
      if (ecdfs.containsKey(i)) {
        drift = fromEcdf(choice, ecdfs.get(i), totals.get(i), reference.get(column.name()));
      } else if (values.containsKey(i)) {
        drift = CountTests.judge(choice, values.get(i).reference(), values.get(i).current());
      } else {
        BinCounts.Counts counts = bins.get(testPlan(i));
        drift = CountTests.judge(choice, counts.reference(), counts.current());
      }
      BinCounts.Counts chart = bins.get(chartPlan(i));
      out.put(column.name(), new Outcome(drift, Histogram.numerical(chartEdges.get(i), chart.reference(), chart.current())));
    }
    return out;
  }

  private static ColumnDrift fromEcdf(Choice choice, EcdfScan.Result ecdf, long[] sizes, Profile reference) {
    if (choice.test() == StatTest.KS) {
      double d = ecdf.scaledD() / ((double) sizes[0] * sizes[1]);
      return ColumnDrift.judge(StatTest.KS, choice.threshold(), KolmogorovSmirnov.pValue(sizes[0], sizes[1], ecdf.scaledD()), d);
    }
    double norm = Math.max(reference.populationStd(), MIN_NORM);
    return ColumnDrift.judge(StatTest.WASSERSTEIN, choice.threshold(), ecdf.wasserstein() / norm, ecdf.wasserstein());
  }

  private static int requireFewValues(int index, ColumnSpec column, ValueTable.Stats stats, StatTest test) {
    if (stats.distinct() > DataDrift.MAX_VALUES_PER_COLUMN) {
      throw new MonitoringException("column '" + column.name() + "' has " + stats.distinct() + " distinct values; "
          + test.id() + " compares counts per value and allows at most " + DataDrift.MAX_VALUES_PER_COLUMN
          + ": set monitoring.columns." + column.name() + ".stattest to ks, wasserstein or psi");
    }
    return index;
  }

  private static int chartPlan(int column) {
    return 2 * column;
  }

  private static int testPlan(int column) {
    return 2 * column + 1;
  }
}
