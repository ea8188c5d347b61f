package io.coinlake.monitor;

import static io.coinlake.lake.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.coinlake.config.MonitoringConfig.QualityPeriod;
import io.coinlake.train.Metrics;
import io.coinlake.train.TrainRunKeys;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How the served predictions fared once their labels matured: predictions (symbol, ts, prediction)
 * joined with realized labels (symbol, ts, label) on symbol and ts. Per day, the mean prediction
 * and the mean realized value (for the chart); per period (day or week, weeks starting on Monday)
 * and over the whole window, RMSE, MAE and QLIKE of the labeled pairs, judged against the CV
 * errors by {@link Degradation}. Pure: Spark aggregations returning a few rows per day.
 */
public final class ModelQuality {
  private static final String DAY = "_day";
  private static final String PERIOD = "_period";
  private static final String N = "_n";

  private ModelQuality() {}

  /** One day of the window: how many predictions and their mean; how many have a realized label and its mean (null when none). */
  public record DailyPredictions(java.time.LocalDate day, long predictions, double meanPrediction, long labeled, Double meanRealized) {}

  /** The errors of one period (its first day) and the metrics degraded in it. */
  public record PeriodErrors(java.time.LocalDate start, ErrorMetrics errors, List<String> degradedMetrics) {
    public PeriodErrors {
      degradedMetrics = List.copyOf(degradedMetrics);
    }
  }

  /** Everything the report says about model quality; {@code overall} is null when no label has matured. */
  public record Result(QualityPeriod period, List<DailyPredictions> daily, List<PeriodErrors> periods, ErrorMetrics overall,
      Degradation degradation) {
    public Result {
      daily = List.copyOf(daily);
      periods = List.copyOf(periods);
    }

    public long predictions() {
      return daily.stream().mapToLong(DailyPredictions::predictions).sum();
    }

    public long labeledRows() {
      return overall == null ? 0 : overall.rows();
    }
  }

  public static Result evaluate(Dataset<Row> predictions, Dataset<Row> labels, QualityPeriod period, double qlikeFloor,
      ErrorMetrics cv, double factor) {
    InputColumns.requireNames(predictions, "predictions", List.of(SYMBOL, TS, PREDICTION));
    InputColumns.requireNames(labels, "labels", List.of(SYMBOL, TS, LABEL));
    Dataset<Row> joined = predictions.select(col(SYMBOL), col(TS), col(PREDICTION).as(Y_PRED))
        .join(labels.where(col(LABEL).isNotNull()).select(col(SYMBOL), col(TS), col(LABEL).as(Y_TRUE)),
            scala.collection.JavaConverters.asScalaBuffer(List.of(SYMBOL, TS)).toSeq(), "left");

    List<DailyPredictions> daily = new ArrayList<>();
    for (Row r : joined.groupBy(to_date(col(TS)).as(DAY))
        .agg(count(lit(1)), avg(col(Y_PRED)), count(col(Y_TRUE)), avg(col(Y_TRUE))).orderBy(DAY).collectAsList()) {
      daily.add(new DailyPredictions(r.<Date>getAs(0).toLocalDate(), r.getLong(1), r.getDouble(2), r.getLong(3),
          r.isNullAt(4) ? null : r.getDouble(4)));
    }

    Dataset<Row> labeled = joined.where(col(Y_TRUE).isNotNull());
    Column start = period == QualityPeriod.WEEK ? to_date(date_trunc("week", col(TS))) : to_date(col(TS));
    List<Column> aggregations = new ArrayList<>(List.of(Metrics.aggregations(qlikeFloor)));
    List<PeriodErrors> periods = new ArrayList<>();
    for (Row r : labeled.groupBy(start.as(PERIOD)).agg(count(lit(1)).as(N), aggregations.toArray(Column[]::new))
        .orderBy(PERIOD).collectAsList()) {
      ErrorMetrics errors = errors(r);
      periods.add(new PeriodErrors(r.<Date>getAs(PERIOD).toLocalDate(), errors, Degradation.judge(errors, cv, factor).degradedMetrics()));
    }
    Row all = labeled.agg(count(lit(1)).as(N), aggregations.toArray(Column[]::new)).first();
    ErrorMetrics overall = all.<Long>getAs(N) == 0 ? null : errors(all);
    return new Result(period, daily, periods, overall, Degradation.judge(overall, cv, factor));
  }

  private static ErrorMetrics errors(Row r) {
    return new ErrorMetrics(r.<Long>getAs(N), r.<Double>getAs(Metrics.RMSE), r.<Double>getAs(Metrics.MAE), r.<Double>getAs(Metrics.QLIKE));
  }

  /** The CV errors of a training run's metrics (cv_rmse, cv_mae, cv_qlike; NaN when one is missing). */
  public static ErrorMetrics cvErrors(Map<String, Double> metrics) {
    return new ErrorMetrics(0, metrics.getOrDefault(TrainRunKeys.cvMetric(Metrics.RMSE), Double.NaN),
        metrics.getOrDefault(TrainRunKeys.cvMetric(Metrics.MAE), Double.NaN), metrics.getOrDefault(TrainRunKeys.cvMetric(Metrics.QLIKE), Double.NaN));
  }
}
