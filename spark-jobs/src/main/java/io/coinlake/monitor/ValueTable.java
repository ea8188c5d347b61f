package io.coinlake.monitor;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Reference and current merged into one table of distinct values with their counts, for every
 * monitored column of one kind at once: (column index, value, reference count, current count).
 * Nulls, NaN and infinities are left out, as Evidently drops them before testing. Every drift
 * statistic is computed from this table (ECDFs, bins, per-value counts), so each input is read
 * once for all columns. The table is kept persisted until {@link #close()}.
 */
final class ValueTable implements AutoCloseable {
  static final String COLUMN = "column_index";
  static final String VALUE = "value";
  static final String REFERENCE = "reference_count";
  static final String CURRENT = "current_count";

  /** Counts of one column, taken over the table. */
  record Stats(long referenceCount, long currentCount, long distinct, long referenceDistinct, long currentDistinct) {}

  private final Dataset<Row> table;
  private final Map<Integer, Stats> stats;
  private final boolean numerical;

  private ValueTable(Dataset<Row> table, Map<Integer, Stats> stats, boolean numerical) {
    this.table = table;
    this.stats = stats;
    this.numerical = numerical;
  }

  /** The table of these columns (by index in the list), values cast to double (numerical) or string. */
  static ValueTable build(Dataset<Row> reference, Dataset<Row> current, List<String> columns, ColumnKind kind) {
    boolean numerical = kind == ColumnKind.NUMERICAL;
    if (columns.isEmpty()) {
      return new ValueTable(null, Map.of(), numerical);
    }
    Dataset<Row> merged = longForm(reference, columns, numerical).withColumn(REFERENCE, lit(1L)).withColumn(CURRENT, lit(0L))
        .unionByName(longForm(current, columns, numerical).withColumn(REFERENCE, lit(0L)).withColumn(CURRENT, lit(1L)))
        .groupBy(col(COLUMN), col(VALUE))
        .agg(sum(col(REFERENCE)).as(REFERENCE), sum(col(CURRENT)).as(CURRENT))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Map<Integer, Stats> stats = new HashMap<>();
    for (Row row : merged.groupBy(col(COLUMN)).agg(
        sum(col(REFERENCE)), sum(col(CURRENT)), count(lit(1)),
        count(when(col(REFERENCE).gt(0), 1)), count(when(col(CURRENT).gt(0), 1))).collectAsList()) {
      stats.put(row.getInt(0), new Stats(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5)));
    }
    return new ValueTable(merged, stats, numerical);
  }

  /** One row per (column index, usable value) of one side. */
  private static Dataset<Row> longForm(Dataset<Row> side, List<String> columns, boolean numerical) {
    Column[] entries = IntStream.range(0, columns.size())
        .mapToObj(i -> struct(lit(i).as(COLUMN), InputColumns.column(side, columns.get(i)).cast(numerical ? "double" : "string").as(VALUE)))
        .toArray(Column[]::new);
    Dataset<Row> values = side.select(explode(array(entries)).as("entry")).select(col("entry." + COLUMN).as(COLUMN), col("entry." + VALUE).as(VALUE));
    return values.where(numerical ? InputColumns.finite(col(VALUE)) : col(VALUE).isNotNull());
  }

  Dataset<Row> table() {
    return table;
  }

  /** The counts of a column; all zero when it has no usable value on either side. */
  Stats stats(int column) {
    return stats.getOrDefault(column, new Stats(0, 0, 0, 0, 0));
  }

  /**
   * Every distinct value of these columns with its counts, sorted by value (numbers by size,
   * categories as strings). Only for columns whose distinct count was checked to be small.
   */
  Map<Integer, ValueCounts> collect(List<Integer> columns) {
    Map<Integer, List<Row>> rows = new HashMap<>();
    columns.forEach(c -> rows.put(c, new ArrayList<>()));
    if (!columns.isEmpty()) {
      table.where(col(COLUMN).isin(columns.toArray())).collectAsList().forEach(row -> rows.get(row.getInt(0)).add(row));
      Comparator<Row> byValue = numerical ? Comparator.comparingDouble(row -> row.getDouble(1)) : Comparator.comparing(row -> row.getString(1));
      rows.values().forEach(list -> list.sort(byValue));
    }
    Map<Integer, ValueCounts> out = new HashMap<>();
    rows.forEach((column, list) -> out.put(column, ValueCounts.of(list, numerical)));
    return out;
  }

  @Override
  public void close() {
    if (table != null) {
      table.unpersist();
    }
  }
}
