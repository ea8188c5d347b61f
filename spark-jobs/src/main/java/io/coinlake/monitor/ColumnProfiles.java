package io.coinlake.monitor;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The data-quality numbers of every monitored column of both inputs, in one Spark aggregation:
 * rows, missing (null, and NaN for numbers), infinite values, and over the finite values min,
 * max, mean, standard deviations and the quartiles.
 *
 * <p>Quartiles come from Spark's {@code percentile_approx} with accuracy {@value #QUANTILE_ACCURACY}:
 * a value of the sample whose rank is within n / {@value #QUANTILE_ACCURACY} of the exact rank (so
 * exact below that many values), not an interpolation between two values as pandas does.
 */
final class ColumnProfiles {
  static final int QUANTILE_ACCURACY = 10_000;

  /** One column of one input. Numbers are null for categorical columns and when no finite value exists. */
  record Profile(long rows, long missing, long infinite, Double min, Double max, Double mean, Double std,
      Double populationStd, Double p25, Double p50, Double p75) {

    /** Values that are neither missing nor infinite. */
    long usable() {
      return rows - missing - infinite;
    }
  }

  /** The profiles of both inputs, by column name. */
  record Both(Map<String, Profile> reference, Map<String, Profile> current) {}

  private static final String SIDE = "_side";

  private ColumnProfiles() {}

  /** Both inputs in one aggregation, grouped by side. */
  static Both of(Dataset<Row> reference, Dataset<Row> current, List<ColumnSpec> columns) {
    Dataset<Row> both = comparable(reference, columns, 0).unionByName(comparable(current, columns, 1));
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(count(lit(1)));
    for (int c = 0; c < columns.size(); c++) {
      Column x = col(alias(c));
      if (columns.get(c).kind() == ColumnKind.NUMERICAL) {
        Column finite = when(InputColumns.finite(x), x);
        aggregates.add(count(when(x.isNull().or(isnan(x)), 1)));
        aggregates.add(count(when(x.equalTo(Double.POSITIVE_INFINITY).or(x.equalTo(Double.NEGATIVE_INFINITY)), 1)));
        aggregates.add(min(finite));
        aggregates.add(max(finite));
        aggregates.add(avg(finite));
        aggregates.add(stddev_samp(finite));
        aggregates.add(stddev_pop(finite));
        aggregates.add(percentile_approx(finite, array(lit(0.25), lit(0.5), lit(0.75)), lit(QUANTILE_ACCURACY)));
      } else {
        aggregates.add(count(when(x.isNull(), 1)));
      }
    }
    List<Row> rows = both.groupBy(col(SIDE)).agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
        .collectAsList();
    Map<Integer, Row> bySide = new HashMap<>();
    rows.forEach(row -> bySide.put(row.getInt(0), row));
    return new Both(read(bySide.get(0), columns), read(bySide.get(1), columns));
  }

  /** The monitored columns as c0, c1, ... (numbers as double, categories as string) plus the side. */
  private static Dataset<Row> comparable(Dataset<Row> data, List<ColumnSpec> columns, int side) {
    Column[] selected = new Column[columns.size() + 1];
    for (int c = 0; c < columns.size(); c++) {
      ColumnSpec spec = columns.get(c);
      selected[c] = InputColumns.column(data, spec.name()).cast(spec.kind() == ColumnKind.NUMERICAL ? "double" : "string").as(alias(c));
    }
    selected[columns.size()] = lit(side).as(SIDE);
    return data.select(selected);
  }

  private static String alias(int column) {
    return "c" + column;
  }

  /** One side's aggregate row (after the side column); null when that input has no rows. */
  private static Map<String, Profile> read(Row row, List<ColumnSpec> columns) {
    long rows = row == null ? 0 : row.getLong(1);
    Map<String, Profile> out = new HashMap<>();
    int i = 2;
    for (ColumnSpec spec : columns) {
      if (spec.kind() == ColumnKind.NUMERICAL) {
        if (row == null) {
          out.put(spec.name(), new Profile(0, 0, 0, null, null, null, null, null, null, null, null));
        } else {
          List<Double> quartiles = row.isNullAt(i + 7) ? null : row.getList(i + 7);
          out.put(spec.name(), new Profile(rows, row.getLong(i), row.getLong(i + 1), number(row, i + 2), number(row, i + 3),
              number(row, i + 4), number(row, i + 5), number(row, i + 6),
              quartiles == null ? null : quartiles.get(0), quartiles == null ? null : quartiles.get(1),
              quartiles == null ? null : quartiles.get(2)));
        }
        i += 8;
      } else {
        out.put(spec.name(), new Profile(rows, row == null ? 0 : row.getLong(i), 0, null, null, null, null, null, null, null, null));
        i += 1;
      }
    }
    return out;
  }

  private static Double number(Row row, int i) {
    if (row.isNullAt(i)) {
      return null;
    }
    double value = row.getDouble(i);
    return Double.isNaN(value) ? null : value;
  }
}
