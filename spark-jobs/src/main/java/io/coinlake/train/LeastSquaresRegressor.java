package io.coinlake.train;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.spark_partition_id;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Ordinary least squares with an intercept from one aggregation: the sums of the normal equations
 * (n, sum x_i, sum y, sum x_i x_j, sum x_i y) per partition in one Spark job over the input
 * columns, added up and solved in the driver. The result is MLlib's own
 * {@link LinearRegressionModel} with the template's params, so it saves, loads and scores like one
 * fitted by {@link LinearRegression}.
 *
 * <p>Why not {@code LinearRegression} with the normal solver, which solves the same equations:
 * it assembles a vector per row and converts each row to an instance, and then builds its
 * training summary eagerly, a second full pass over the rows. Measured at 1M rows: two jobs of
 * 0.8-1.9 s each per fold, against one aggregation of 0.45-0.9 s here. The sums are plain doubles centred after
 * the pass, as MLlib's WeightedLeastSquares does.
 *
 * <p>When the centred normal matrix is not positive definite (a constant or collinear input), the
 * fit falls back to the template on the assembled inputs, whose solver handles that case.
 */
public final class LeastSquaresRegressor extends Estimator<LinearRegressionModel> implements ReadsInputColumns {
  private static final long serialVersionUID = 1L;
  private static final String PARTITION = "_partition";

  private final String uid = Identifiable.randomUID("LeastSquaresRegressor");
  private final LinearRegression template;
  private final List<String> inputCols;

  /**
   * @param template the estimator whose params (label, features and prediction columns) the model gets,
   *     and the fallback; it must fit an intercept without regularization or weights
   * @param inputCols the inputs, in the order of the feature vector the model scores
   */
  LeastSquaresRegressor(LinearRegression template, List<String> inputCols) {
    if (!template.getFitIntercept() || template.getRegParam() != 0.0 || (template.isDefined(template.weightCol())
        && !template.getWeightCol().isEmpty())) {
      throw new IllegalArgumentException("least squares needs an intercept, no regularization and no weights");
    }
    this.template = template;
    this.inputCols = List.copyOf(inputCols);
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return template.transformSchema(schema);
  }

  @Override
  public LeastSquaresRegressor copy(ParamMap extra) {
    return new LeastSquaresRegressor(template.copy(extra), inputCols);
  }

  @Override
  public LinearRegressionModel fit(Dataset<?> dataset) {
    int p = inputCols.size();
    Column y = col(template.getLabelCol()).cast("double");
    Column[] x = inputCols.stream().map(c -> col(c).cast("double")).toArray(Column[]::new);
    List<Column> sums = new ArrayList<>();
    sums.add(sum(y));
    for (int i = 0; i < p; i++) {
      sums.add(sum(x[i]));
      sums.add(sum(x[i].multiply(y)));
      for (int j = i; j < p; j++) {
        sums.add(sum(x[i].multiply(x[j])));
      }
    }
    Column incomplete = y.isNull();
    for (Column c : x) {
      incomplete = incomplete.or(c.isNull());
    }
    sums.add(sum(when(incomplete, 1).otherwise(0)));
    // one partial row per partition, added up in partition order: the same sums, to the last bit,
    // whatever order the partials reach the final aggregation in (a reproduction refits this model)
    List<Row> partials = new ArrayList<>(dataset.groupBy(spark_partition_id().as(PARTITION))
        .agg(count(lit(1)), sums.toArray(Column[]::new)).collectAsList());
    partials.sort(Comparator.comparingInt(r -> r.getInt(0)));
    long n = partials.stream().mapToLong(r -> r.getLong(1)).sum();
    long nulls = partials.stream().mapToLong(r -> r.getLong(r.size() - 1)).sum();
    if (nulls > 0) {
      throw new TrainingException("least squares cannot fit " + nulls + " rows with a null in " + template.getLabelCol() + " or "
          + inputCols + "; the training rows must be complete");
    }
    if (n <= p) {
      throw new TrainingException("least squares on " + inputCols + " needs more than " + p + " rows, got " + n);
    }
    NormalSums s = NormalSums.of(partials, p);
    double[] beta = s.solve();
    if (beta == null) {
      return template.fit(new VectorAssembler().setInputCols(inputCols.toArray(String[]::new))
          .setOutputCol(template.getFeaturesCol()).transform(dataset));
    }
    double intercept = s.meanY();
    for (int i = 0; i < p; i++) {
      intercept -= beta[i] * s.meanX(i);
    }
    LinearRegressionModel model = new LinearRegressionModel(uid, Vectors.dense(beta), intercept);
    template.copyValues(model, ParamMap.empty());
    return model;
  }

  /** The normal equations' sums: count, sum y, and per input i: sum x_i, sum x_i y, sum x_i x_j. */
  record NormalSums(long n, double sumY, double[] sumX, double[] sumXY, double[][] sumXX) {

    /** Adds up the partials (in their order): partition, count, sum y, then per i: sum x_i, sum x_i y, sum x_i x_j (j >= i). */
    static NormalSums of(List<Row> partials, int p) {
      long n = 0;
      double sumY = 0;
      double[] sumX = new double[p];
      double[] sumXY = new double[p];
      double[][] sumXX = new double[p][p];
      for (Row r : partials) {
        n += r.getLong(1);
        sumY += r.getDouble(2);
        int at = 3;
        for (int i = 0; i < p; i++) {
          sumX[i] += r.getDouble(at++);
          sumXY[i] += r.getDouble(at++);
          for (int j = i; j < p; j++) {
            sumXX[i][j] += r.getDouble(at++);
            sumXX[j][i] = sumXX[i][j];
          }
        }
      }
      return new NormalSums(n, sumY, sumX, sumXY, sumXX);
    }

    double meanY() {
      return sumY / n;
    }

    double meanX(int i) {
      return sumX[i] / n;
    }

    /** The slopes from the centred normal equations by Cholesky; null when the matrix is not positive definite. */
    double[] solve() {
      int p = sumX.length;
      double[][] a = new double[p][p];
      double[] b = new double[p];
      for (int i = 0; i < p; i++) {
        b[i] = sumXY[i] / n - meanX(i) * meanY();
        for (int j = 0; j < p; j++) {
          a[i][j] = sumXX[i][j] / n - meanX(i) * meanX(j);
        }
      }
      double[][] l = new double[p][p];
      for (int i = 0; i < p; i++) {
        for (int j = 0; j <= i; j++) {
          double v = a[i][j];
          for (int k = 0; k < j; k++) {
            v -= l[i][k] * l[j][k];
          }
          if (i == j) {
            // relative to the variance: a pivot this small means an input is (nearly) a combination of the others
            if (!(v > a[i][i] * 1e-12) || a[i][i] <= 0) {
              return null;
            }
            l[i][i] = Math.sqrt(v);
          } else {
            l[i][j] = v / l[j][j];
          }
        }
      }
      double[] z = new double[p];
      for (int i = 0; i < p; i++) {
        double v = b[i];
        for (int k = 0; k < i; k++) {
          v -= l[i][k] * z[k];
        }
        z[i] = v / l[i][i];
      }
      double[] beta = new double[p];
      for (int i = p - 1; i >= 0; i--) {
        double v = z[i];
        for (int k = i + 1; k < p; k++) {
          v -= l[k][i] * beta[k];
        }
        beta[i] = v / l[i][i];
      }
      return beta;
    }
  }
}
