package io.coinlake.monitor;

import static org.apache.spark.sql.functions.*;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/** Resolves monitored columns in an input and checks them before any work starts. */
final class InputColumns {
  private InputColumns() {}

  /** The column by its exact name, even when the name holds dots or spaces. */
  static Column column(Dataset<Row> data, String name) {
    return data.col("`" + name.replace("`", "``") + "`");
  }

  /** True for a number that is not null, NaN or infinite. */
  static Column finite(Column value) {
    return value.isNotNull().and(not(isnan(value)))
        .and(value.notEqual(lit(Double.POSITIVE_INFINITY))).and(value.notEqual(lit(Double.NEGATIVE_INFINITY)));
  }

  /** Every column is present, numerical ones have a numeric type; {@code side} names the input in the message. */
  static void require(Dataset<Row> data, String side, List<ColumnSpec> columns) {
    if (columns.isEmpty()) {
      throw new MonitoringException("no columns to monitor: pass at least one ColumnSpec");
    }
    List<String> present = Arrays.asList(data.columns());
    for (ColumnSpec spec : columns) {
      if (!present.contains(spec.name())) {
        throw new MonitoringException("the " + side + " data has no column '" + spec.name() + "' (it has " + present
            + "); monitor only columns both datasets have");
      }
      if (spec.kind() == ColumnKind.NUMERICAL) {
        DataType type = Arrays.stream(data.schema().fields()).filter(f -> f.name().equals(spec.name()))
            .map(StructField::dataType).findFirst().orElseThrow();
        if (!(type instanceof NumericType)) {
          throw new MonitoringException("column '" + spec.name() + "' of the " + side + " data is " + type.simpleString()
              + ", not a number; monitor it as categorical or cast it to double");
        }
      }
    }
    long distinct = columns.stream().map(ColumnSpec::name).distinct().count();
    if (distinct != columns.size()) {
      throw new MonitoringException("a column is listed twice among the monitored columns " + columns.stream().map(ColumnSpec::name).toList());
    }
  }

  /** Every named column is present; {@code side} names the input in the message. */
  static void requireNames(Dataset<Row> data, String side, List<String> names) {
    List<String> present = Arrays.asList(data.columns());
    List<String> missing = names.stream().filter(n -> !present.contains(n)).toList();
    if (!missing.isEmpty()) {
      throw new MonitoringException("the " + side + " lack the columns " + missing + " (they have " + present
          + "); rebuild them with the stage that writes them");
    }
  }
}
