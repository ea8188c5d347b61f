package io.coinlake.features;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.log1p;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.coinlake.lake.Columns;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Slow, obviously-correct volatility features for the cross-check: Spark SQL window frames
 * (lag, rowsBetween, count() for min-periods) for the rolling features and the label, naive
 * recursive loops over collected rows for EMA and RSI. Output: map (symbol|epochMillis) to
 * column name to value (null = SQL null), plus TRAINABLE as 1.0 / 0.0.
 */
final class VolatilityReference {
  private static final String R = "r";
  private static final String R2 = "r2";
  private static final String HL2 = "hl2";
  private static final String GK = "gk_term";
  private static final String X = "log_volume";
  private static final String STALE_AHEAD = "stale_ahead";

  private VolatilityReference() {}

  static String key(String symbol, long epochMillis) {
    return symbol + "|" + epochMillis;
  }

  static Map<String, Map<String, Double>> compute(Dataset<Row> silver, FeatureSpec spec) {
    int w = spec.shortWindow();
    int big = spec.longWindow();
    int h = spec.horizon();
    WindowSpec byTs = Window.partitionBy(Columns.SYMBOL).orderBy(Columns.TS);
    Dataset<Row> d = silver
        .withColumn(R, log(col(Columns.CLOSE).divide(lag(col(Columns.CLOSE), 1).over(byTs))))
        .withColumn(R2, col(R).multiply(col(R)))
        .withColumn(HL2, log(col(Columns.HIGH).divide(col(Columns.LOW)))
            .multiply(log(col(Columns.HIGH).divide(col(Columns.LOW)))))
        .withColumn(GK, lit(0.5).multiply(col(HL2)).minus(lit(2 * Math.log(2) - 1)
            .multiply(log(col(Columns.CLOSE).divide(col(Columns.OPEN))))
            .multiply(log(col(Columns.CLOSE).divide(col(Columns.OPEN))))))
        .withColumn(X, log1p(col(Columns.VOLUME)));
    WindowSpec shortRows = byTs.rowsBetween(-(w - 1), 0);
    WindowSpec longRows = byTs.rowsBetween(-(big - 1), 0);
    WindowSpec lastH = byTs.rowsBetween(-(h - 1), 0);
    WindowSpec nextH = byTs.rowsBetween(1, h);
    d = d
        .withColumn(Columns.LOG_RETURN, col(R))
        .withColumn(Columns.RV_7, full(R, shortRows, w, sqrt(sum(R2).over(shortRows))))
        .withColumn(Columns.RV_30, full(R, longRows, big, sqrt(sum(R2).over(longRows))))
        .withColumn(Columns.PARKINSON_7, full(HL2, shortRows, w,
            sqrt(avg(HL2).over(shortRows).divide(4 * Math.log(2)))))
        .withColumn(Columns.GARMAN_KLASS_7, full(GK, shortRows, w,
            sqrt(greatest(lit(0.0), avg(GK).over(shortRows)))))
        .withColumn(Columns.HAR_RV_D, abs(col(R)))
        .withColumn(Columns.HAR_RV_W, full(R, shortRows, w, sqrt(avg(R2).over(shortRows))))
        .withColumn(Columns.HAR_RV_M, full(R, longRows, big, sqrt(avg(R2).over(longRows))))
        .withColumn(Columns.VOLUME_Z_30, full(X, longRows, big,
            when(stddev_samp(X).over(longRows).notEqual(0), col(X).minus(avg(X).over(longRows))
                .divide(stddev_samp(X).over(longRows)))))
        .withColumn(Columns.CLOSE_SMA_RATIO_30, full(Columns.CLOSE, longRows, big,
            col(Columns.CLOSE).divide(avg(Columns.CLOSE).over(longRows))))
        .withColumn(Columns.RV_LAST_H, full(R, lastH, h, sqrt(sum(R2).over(lastH))))
        .withColumn(Columns.LABEL, full(R, nextH, h, sqrt(sum(R2).over(nextH))))
        .withColumn(STALE_AHEAD,
            coalesce(max(col(Columns.STALE).cast("int")).over(nextH), lit(0)).equalTo(1));

    Map<String, List<Row>> bySymbol = new HashMap<>();
    for (Row r : d.orderBy(Columns.SYMBOL, Columns.TS).collectAsList()) {
      bySymbol.computeIfAbsent(r.getString(r.fieldIndex(Columns.SYMBOL)), k -> new ArrayList<>())
          .add(r);
    }
    Map<String, Map<String, Double>> out = new HashMap<>();
    for (Map.Entry<String, List<Row>> e : bySymbol.entrySet()) {
      addRecursiveFeatures(e.getKey(), e.getValue(), spec, out);
    }
    return out;
  }

  /** value when the frame holds {@code need} non-null values of {@code column}, else null. */
  private static Column full(String column, WindowSpec frame, int need, Column value) {
    return when(count(col(column)).over(frame).equalTo(need), value);
  }

  private static void addRecursiveFeatures(String symbol, List<Row> rows, FeatureSpec spec,
      Map<String, Map<String, Double>> out) {
    int n = rows.size();
    double[] c = new double[n];
    for (int t = 0; t < n; t++) {
      c[t] = rows.get(t).getDouble(rows.get(t).fieldIndex(Columns.CLOSE));
    }
    double alpha = 2.0 / (spec.emaSpan() + 1);
    double ema = c[0];
    int p = spec.rsiPeriod();
    double avgGain = 0;
    double avgLoss = 0;
    for (int t = 0; t < n; t++) {
      Row row = rows.get(t);
      Map<String, Double> values = new HashMap<>();
      for (String f : List.of(Columns.LOG_RETURN, Columns.RV_7, Columns.RV_30,
          Columns.PARKINSON_7, Columns.GARMAN_KLASS_7, Columns.HAR_RV_D, Columns.HAR_RV_W,
          Columns.HAR_RV_M, Columns.VOLUME_Z_30, Columns.CLOSE_SMA_RATIO_30, Columns.RV_LAST_H,
          Columns.LABEL)) {
        values.put(f, OhlcvRows.value(row, f));
      }
      if (t > 0) {
        ema = alpha * c[t] + (1 - alpha) * ema;
      }
      values.put(Columns.CLOSE_EMA_RATIO_12, t >= spec.emaSpan() - 1 ? c[t] / ema : null);
      Double rsi = null;
      if (t == p) {
        avgGain = 0;
        avgLoss = 0;
        for (int i = 1; i <= p; i++) {
          avgGain += Math.max(c[i] - c[i - 1], 0) / p;
          avgLoss += Math.max(c[i - 1] - c[i], 0) / p;
        }
      } else if (t > p) {
        avgGain = (avgGain * (p - 1) + Math.max(c[t] - c[t - 1], 0)) / p;
        avgLoss = (avgLoss * (p - 1) + Math.max(c[t - 1] - c[t], 0)) / p;
      }
      if (t >= p) {
        rsi = avgLoss == 0 ? (avgGain == 0 ? 50.0 : 100.0)
            : 100 - 100 / (1 + avgGain / avgLoss);
      }
      values.put(Columns.RSI_14, rsi);
      boolean allFeatures = VolatilityFeatures.featureColumns().stream()
          .allMatch(f -> values.get(f) != null);
      boolean trainable = values.get(Columns.LABEL) != null && allFeatures
          && !row.getBoolean(row.fieldIndex(STALE_AHEAD));
      values.put(Columns.TRAINABLE, trainable ? 1.0 : 0.0);
      values.put(Columns.LABEL_END_TS, values.get(Columns.LABEL) == null ? null
          : (double) rows.get(t + spec.horizon()).getTimestamp(row.fieldIndex(Columns.TS)).getTime());
      out.put(key(symbol, row.getTimestamp(row.fieldIndex(Columns.TS)).getTime()), values);
    }
  }
}
