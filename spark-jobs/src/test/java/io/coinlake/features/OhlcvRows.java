package io.coinlake.features;

import io.coinlake.lake.Columns;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Test helper: builds silver.ohlcv rows and looks up output rows by (symbol, ts). */
final class OhlcvRows {
  static final StructType SCHEMA = new StructType()
      .add(Columns.SYMBOL, DataTypes.StringType, false)
      .add(Columns.TS, DataTypes.TimestampType, false)
      .add(Columns.OPEN, DataTypes.DoubleType, false)
      .add(Columns.HIGH, DataTypes.DoubleType, false)
      .add(Columns.LOW, DataTypes.DoubleType, false)
      .add(Columns.CLOSE, DataTypes.DoubleType, false)
      .add(Columns.VOLUME, DataTypes.DoubleType, false)
      .add(Columns.STALE, DataTypes.BooleanType, false);

  private OhlcvRows() {}

  static Timestamp day(int offset) {
    return Timestamp.from(
        LocalDate.of(2024, 1, 1).plusDays(offset).atStartOfDay().toInstant(ZoneOffset.UTC));
  }

  static Row row(String symbol, int day, double open, double high, double low, double close,
      double volume, boolean stale) {
    return RowFactory.create(symbol, day(day), open, high, low, close, volume, stale);
  }

  /** Rows of one symbol from a kernel-test series, on consecutive days. */
  static List<Row> rows(String symbol, VolatilityKernelTest.Series s) {
    List<Row> rows = new ArrayList<>();
    for (int t = 0; t < s.close.length; t++) {
      rows.add(row(symbol, t, s.open[t], s.high[t], s.low[t], s.close[t], s.volume[t],
          s.stale[t]));
    }
    return rows;
  }

  /** A nullable double column of an output row, as Double (null stays null). */
  static Double value(Row row, String column) {
    int i = row.fieldIndex(column);
    return row.isNullAt(i) ? null : row.getDouble(i);
  }
}
