package io.coinlake.train;

import static io.coinlake.lake.Columns.*;
import static org.apache.spark.sql.functions.*;

import java.util.List;
import org.apache.spark.sql.Column;

/**
 * Regression metrics for volatility forecasts. QLIKE = s/h - ln(s/h) - 1 with s = max(y, floor)^2
 * and h = max(y_hat, floor)^2: the variance-scale loss that is robust to noisy volatility proxies;
 * the floor keeps a non-positive forecast from making it infinite.
 */
public final class Metrics {
  public static final String RMSE = "rmse";
  public static final String MAE = "mae";
  public static final String R2 = "r2";
  public static final String QLIKE = "qlike";
  public static final List<String> ALL = List.of(QLIKE, RMSE, MAE, R2);

  private Metrics() {}

  /** True when a larger value is better. */
  public static boolean higherIsBetter(String metric) {
    return R2.equals(metric);
  }

  /** Aggregations over (y_true, y_pred) rows, one column per metric, named as in {@link #ALL}. */
  public static Column[] aggregations(double floor) {
    Column err = col(Y_TRUE).minus(col(Y_PRED));
    Column s = pow(greatest(col(Y_TRUE), lit(floor)), 2);
    Column h = pow(greatest(col(Y_PRED), lit(floor)), 2);
    Column qlike = s.divide(h).minus(log(s.divide(h))).minus(1);
    Column ssRes = sum(err.multiply(err));
    Column ssTot = sum(pow(col(Y_TRUE), 2)).minus(pow(sum(col(Y_TRUE)), 2).divide(count(lit(1))));
    return new Column[] {
      avg(qlike).as(QLIKE),
      sqrt(avg(err.multiply(err))).as(RMSE),
      avg(abs(err)).as(MAE),
      lit(1).minus(ssRes.divide(ssTot)).as(R2),
    };
  }

  /** The same metrics computed in plain Java, for tests and for checking gold.backtest by hand. */
  public static double[] compute(double[] yTrue, double[] yPred, double floor) {
    int n = yTrue.length;
    double q = 0, se = 0, ae = 0, mean = 0;
    for (double y : yTrue) {
      mean += y / n;
    }
    double ssTot = 0;
    for (int i = 0; i < n; i++) {
      double s = Math.pow(Math.max(yTrue[i], floor), 2);
      double h = Math.pow(Math.max(yPred[i], floor), 2);
      q += (s / h - Math.log(s / h) - 1) / n;
      double e = yTrue[i] - yPred[i];
      se += e * e;
      ae += Math.abs(e) / n;
      ssTot += (yTrue[i] - mean) * (yTrue[i] - mean);
    }
    return new double[] {q, Math.sqrt(se / n), ae, 1 - se / ssTot};
  }
}
