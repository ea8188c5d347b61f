package io.coinlake.monitor;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * The distinct values of one column with their reference and current counts, in value order:
 * the small per-value vectors the count-based tests (chi-square, z, PSI, Jensen–Shannon) and the
 * categorical charts use.
 */
record ValueCounts(List<String> labels, List<Double> numbers, long[] reference, long[] current) {

  static ValueCounts of(List<Row> rows, boolean numerical) {
    int n = rows.size();
    List<String> labels = new ArrayList<>(n);
    List<Double> numbers = new ArrayList<>(n);
    long[] reference = new long[n];
    long[] current = new long[n];
    for (int i = 0; i < n; i++) {
      Row row = rows.get(i);
      if (numerical) {
        double value = row.getDouble(1);
        numbers.add(value);
        labels.add(label(value));
      } else {
        labels.add(row.getString(1));
      }
      reference[i] = row.getLong(2);
      current[i] = row.getLong(3);
    }
    return new ValueCounts(List.copyOf(labels), numerical ? List.copyOf(numbers) : List.of(), reference, current);
  }

  /** A number as a category label: 3.0 -> "3", 0.5 -> "0.5". */
  static String label(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }
}
