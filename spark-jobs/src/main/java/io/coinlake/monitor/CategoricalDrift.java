package io.coinlake.monitor;

import io.coinlake.monitor.TestSelection.Choice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Scores the categorical columns on their counts per value (one Spark job for all of them, only
 * the per-value counts reach the driver) and lists the values new in current.
 */
final class CategoricalDrift {
  /** A column's verdict, its chart, its value counts and the values only one side has. */
  record Outcome(ColumnDrift drift, Histogram histogram, ValueCounts counts, List<String> newCategories, List<String> missingCategories) {}

  private CategoricalDrift() {}

  static Map<String, Outcome> evaluate(ValueTable table, List<ColumnSpec> columns, Map<String, Choice> choices) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      ValueTable.Stats stats = table.stats(i);
      if (stats.distinct() > DataDrift.MAX_VALUES_PER_COLUMN) {
        throw new MonitoringException("categorical column '" + columns.get(i).name() + "' has " + stats.distinct()
            + " distinct values (at most " + DataDrift.MAX_VALUES_PER_COLUMN + " can be compared); monitor it as numerical or leave it out");
      }
      all.add(i);
    }
    Map<Integer, ValueCounts> counts = table.collect(all);
    Map<String, Outcome> out = new HashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      String name = columns.get(i).name();
      ValueCounts values = counts.get(i);
      long[] reference = values.reference();
      long[] current = values.current();
      List<String> labels = values.labels();
      List<String> added = IntStream.range(0, labels.size()).filter(k -> reference[k] == 0 && current[k] > 0).mapToObj(labels::get).toList();
      List<String> gone = IntStream.range(0, labels.size()).filter(k -> reference[k] > 0 && current[k] == 0).mapToObj(labels::get).toList();
      out.put(name, new Outcome(CountTests.judge(choices.get(name), reference, current),
          Histogram.categorical(labels, reference, current), values, added, gone));
    }
    return out;
  }

  /** The index of the most frequent value (the first in value order among equals), or -1 when all counts are 0. */
  static int mostCommon(long[] counts) {
    int best = -1;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0 && (best < 0 || counts[i] > counts[best])) {
        best = i;
      }
    }
    return best;
  }
}
