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
 * The data-quality numbers of every monitored column of one input, in one Spark aggregation:
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

  private ColumnProfiles() {}

  static Map<String, Profile> of(Dataset<Row> data, List<ColumnSpec> columns) {
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(count(lit(1)));
    for (ColumnSpec spec : columns) {
      Column value = InputColumns.column(data, spec.name());
      if (spec.kind() == ColumnKind.NUMERICAL) {
        Column x = value.cast("double");
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
        aggregates.add(count(when(value.isNull(), 1)));
      }
    }
    Row row = data.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new)).first();
    long rows = row.getLong(0);
    Map<String, Profile> out = new HashMap<>();
    int i = 1;
    for (ColumnSpec spec : columns) {
      if (spec.kind() == ColumnKind.NUMERICAL) {
        List<Double> quartiles = row.isNullAt(i + 7) ? null : row.getList(i + 7);
        out.put(spec.name(), new Profile(rows, row.getLong(i), row.getLong(i + 1), number(row, i + 2), number(row, i + 3),
            number(row, i + 4), number(row, i + 5), number(row, i + 6),
            quartiles == null ? null : quartiles.get(0), quartiles == null ? null : quartiles.get(1),
            quartiles == null ? null : quartiles.get(2)));
        i += 8;
      } else {
        out.put(spec.name(), new Profile(rows, row.getLong(i), 0, null, null, null, null, null, null, null, null));
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
