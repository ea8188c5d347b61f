package io.coinlake.features;

import static org.apache.spark.sql.functions.col;

import io.coinlake.lake.Columns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Features and label of the daily volatility task: silver.ohlcv in, one row per (symbol, ts) out.
 *
 * <p>Per symbol, rows sorted by ts, t the row index, r_t = ln(close_t / close_{t-1}) (null at
 * the first row). Gaps in the dates are not filled: a return is taken against the previous
 * available row and every window counts rows, not days. With w = shortWindow, W = longWindow:
 * <ul>
 *   <li>log_return = r_t; har_rv_d = |r_t|</li>
 *   <li>rv_7 = sqrt(sum of the last w r^2), har_rv_w = sqrt(mean of the same); rv_30 / har_rv_m
 *       likewise over W returns; rv_last_h over h returns. Null until enough returns exist.</li>
 *   <li>parkinson_7 = sqrt(mean over the last w rows of ln(high/low)^2 / (4 ln 2))</li>
 *   <li>garman_klass_7 = sqrt(max(0, mean over w rows of 0.5 ln(h/l)^2 - (2 ln 2 - 1) ln(c/o)^2))</li>
 *   <li>volume_z_30 = z-score of ln(1+volume) within the last W rows (sample sd; null if sd = 0)</li>
 *   <li>rsi_14 = Wilder RSI on close changes; close_sma_ratio_30 = close / SMA_W(close);
 *       close_ema_ratio_12 = close / EMA (alpha 2/(span+1), seeded with the first close)</li>
 *   <li>label = sqrt(sum of r^2 over t+1..t+h), null when fewer than h future rows exist</li>
 *   <li>trainable = label present, no stale row in t+1..t+h, every feature present</li>
 *   <li>label_end_ts = ts of row t+h, where the label window ends (for CV purging); null
 *       without a label</li>
 * </ul>
 * Pure: no I/O, no session, no clock. Only the label and trainable look past row t.
 */
public final class VolatilityFeatures {
  /** The table whose contract the input must meet; named in schema errors. */
  public static final String INPUT_TABLE = "silver.ohlcv";

  /** The silver.ohlcv columns the features are built from. */
  public static final List<String> INPUT_COLUMNS = List.of(Columns.SYMBOL, Columns.TS,
      Columns.OPEN, Columns.HIGH, Columns.LOW, Columns.CLOSE, Columns.VOLUME, Columns.STALE);

  private VolatilityFeatures() {}

  /** The 13 model inputs, in output order. */
  public static List<String> featureColumns() {
    List<String> names = new ArrayList<>();
    for (VolatilityColumn c : VolatilityColumn.values()) {
      if (c.isFeature()) {
        names.add(c.columnName());
      }
    }
    return List.copyOf(names);
  }

  /** The heterogeneous-autoregressive (HAR) components: daily, weekly, monthly realized vol. */
  public static List<String> harColumns() {
    return List.of(Columns.HAR_RV_D, Columns.HAR_RV_W, Columns.HAR_RV_M);
  }

  /** symbol, ts, close, the 13 features, label (nullable doubles), trainable, label_end_ts. */
  public static StructType outputSchema() {
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField(Columns.SYMBOL, DataTypes.StringType, false));
    fields.add(DataTypes.createStructField(Columns.TS, DataTypes.TimestampType, false));
    fields.add(DataTypes.createStructField(Columns.CLOSE, DataTypes.DoubleType, false));
    for (VolatilityColumn c : VolatilityColumn.values()) {
      fields.add(DataTypes.createStructField(c.columnName(), DataTypes.DoubleType, true));
    }
    fields.add(DataTypes.createStructField(Columns.TRAINABLE, DataTypes.BooleanType, false));
    fields.add(DataTypes.createStructField(Columns.LABEL_END_TS, DataTypes.TimestampType, true));
    return DataTypes.createStructType(fields);
  }

  /**
   * Builds the features of every symbol in {@code silver}. Rows may arrive in any order; a
   * symbol is computed in one task (hash-partitioned on symbol into
   * spark.sql.shuffle.partitions partitions, then sorted by symbol, ts).
   *
   * @throws IllegalArgumentException if a required column is missing (eagerly); a null or
   *     out-of-contract value or a duplicate (symbol, ts) fails the Spark job when it runs
   */
  public static Dataset<Row> transform(Dataset<Row> silver, FeatureSpec spec) {
    if (silver == null || spec == null) {
      throw new IllegalArgumentException("silver and spec are required");
    }
    List<String> present = Arrays.asList(silver.columns());
    for (String required : INPUT_COLUMNS) {
      if (!present.contains(required)) {
        throw new IllegalArgumentException("missing column '" + required + "' in " + INPUT_TABLE
            + " (has " + present + ")");
      }
    }
    Dataset<Row> input = silver.select(
        col(Columns.SYMBOL).cast(DataTypes.StringType),
        col(Columns.TS).cast(DataTypes.TimestampType),
        col(Columns.OPEN).cast(DataTypes.DoubleType),
        col(Columns.HIGH).cast(DataTypes.DoubleType),
        col(Columns.LOW).cast(DataTypes.DoubleType),
        col(Columns.CLOSE).cast(DataTypes.DoubleType),
        col(Columns.VOLUME).cast(DataTypes.DoubleType),
        col(Columns.STALE).cast(DataTypes.BooleanType));
    return input
        .repartition(col(Columns.SYMBOL))
        .sortWithinPartitions(Columns.SYMBOL, Columns.TS)
        .mapPartitions(new SymbolPartitionFunction(spec), Encoders.row(outputSchema()));
  }
}
