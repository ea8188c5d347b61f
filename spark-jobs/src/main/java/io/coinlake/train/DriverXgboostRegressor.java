package io.coinlake.train;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import ml.dmlc.xgboost4j.java.util.BigDenseMatrix;
import ml.dmlc.xgboost4j.scala.spark.XGBoostRegressionModel;
import ml.dmlc.xgboost4j.scala.spark.XGBoostRegressor;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * XGBoost fitted in the driver JVM: the training rows are streamed to the driver as packed float
 * arrays, one native XGBoost booster is trained on them with {@code nthread} threads, and the
 * result is the same {@link XGBoostRegressionModel} XGBoost4J-Spark's own estimator returns, with
 * the same params (so it saves, loads and scores exactly like one).
 *
 * <p>It reads the feature columns themselves ({@code inputCols}, in the order of the pipeline's
 * VectorAssembler), not the assembled vector: the model scores that vector, whose entries are the
 * same values in the same order, so no vector is built per row to train (see {@link ReadsInputColumns}).
 * A null or NaN feature fails the fit, as the assembler would. Fits on the same rows (a fold's grid
 * points) share one native matrix ({@link TrainingMatrices}).
 *
 * <p>Why: with a local master every task slot is a thread of this JVM anyway, and XGBoost4J-Spark
 * then still shuffles the rows into one barrier task per worker, converts them row by row, syncs
 * the workers' histograms over sockets on every tree level and evaluates the training set after
 * every round. At 1M rows x 13 features, 100 trees of depth 5, that measured 6.2-7.5 s a fit
 * against 4.2 s here. On a cluster the rows need not fit in the driver, so there the Spark
 * estimator is used ({@code tasks.volatility.gbt.xgboostFit}, see {@link GbtSettings}).
 *
 * <p>Zeros are missing, as in the Spark estimator (see {@link GbtSettings}). One native fit runs at
 * a time in the JVM (a fair lock): each already uses every core, and two at once would only
 * oversubscribe them.
 */
public final class DriverXgboostRegressor extends Estimator<XGBoostRegressionModel> implements ReadsInputColumns {
  private static final long serialVersionUID = 1L;
  private static final ReentrantLock ONE_NATIVE_FIT = new ReentrantLock(true);
  /** Rows per packed array sent to the driver. */
  static final int CHUNK_ROWS = 65_536;

  private final String uid = Identifiable.randomUID("DriverXgboostRegressor");
  private final XGBoostRegressor template;
  private final List<String> inputCols;
  private final Map<String, Object> boosterParams;
  private final int rounds;
  private final transient TrainingMatrices matrices;

  /**
   * @param template the XGBoost4J-Spark estimator whose params (columns, missing, ...) the model gets
   * @param inputCols the feature columns, in the order the model's feature vector holds them
   * @param boosterParams the native params (objective, tree_method, max_depth, eta, ..., nthread)
   * @param rounds the number of trees
   * @param matrices where the fit gets the native matrix of its rows (shared with the fits on the same rows)
   */
  DriverXgboostRegressor(XGBoostRegressor template, List<String> inputCols, Map<String, Object> boosterParams, int rounds,
      TrainingMatrices matrices) {
    this.template = template;
    this.inputCols = List.copyOf(inputCols);
    this.boosterParams = Map.copyOf(boosterParams);
    this.rounds = rounds;
    this.matrices = matrices;
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
  public DriverXgboostRegressor copy(ParamMap extra) {
    return new DriverXgboostRegressor((XGBoostRegressor) template.copy(extra), inputCols, boosterParams, rounds, matrices);
  }

  @Override
  public XGBoostRegressionModel fit(Dataset<?> dataset) {
    Column[] columns = new Column[inputCols.size() + 1];
    columns[0] = col(template.getLabelCol()).cast(DataTypes.FloatType);
    for (int i = 0; i < inputCols.size(); i++) {
      columns[i + 1] = col(inputCols.get(i)).cast(DataTypes.FloatType);
    }
    Dataset<Row> rows = dataset.select(columns);
    float missing = template.getMissing();
    try (TrainingMatrices.Lease lease = matrices.acquire(rows, missing, () -> matrix(rows, missing))) {
      Booster trained;
      ONE_NATIVE_FIT.lock();
      try {
        trained = XGBoost.train(lease.matrix(), new HashMap<>(boosterParams), rounds, new HashMap<>(), null, null);
      } finally {
        ONE_NATIVE_FIT.unlock();
      }
      Booster booster = withoutTrainingState(trained);
      XGBoostRegressionModel model = new XGBoostRegressionModel(uid, new ml.dmlc.xgboost4j.scala.Booster(booster));
      template.copyValues(model, ParamMap.empty());
      return model;
    } catch (XGBoostError e) {
      throw new TrainingException("XGBoost failed to train: " + e.getMessage(), e);
    }
  }

  /**
   * The trained trees alone, in a new booster; the trained one is freed. A trained booster keeps
   * its training state in native memory (per row: gradients, row partitions, cached predictions)
   * until it is freed, and the JVM frees it only when it collects the Java object, which with a large
   * heap can be many fits later: CV keeps every candidate's model until the fold's metrics are done.
   * A harness (3 folds of 2, 3 and 4M rows, 2 fits each, models kept) peaked at 1.17 GB RSS this way
   * against 1.62 GB. The model's bytes hold the whole model (trees, objective, base score), so it
   * predicts the same to the bit.
   */
  static Booster withoutTrainingState(Booster trained) throws XGBoostError {
    try {
      return XGBoost.loadModel(trained.toByteArray("ubj"));
    } catch (IOException e) {
      throw new XGBoostError("could not copy the trained model: " + e.getMessage(), e);
    } finally {
      trained.dispose();
    }
  }

  /** The rows (label, then the features) streamed to the driver into a native matrix. */
  private DMatrix matrix(Dataset<Row> rows, float missing) {
    // counted first so the driver allocates each array once, at its final size, while the rows
    // arrive one partition at a time (a cheap job: the training rows are cached)
    long count = rows.count();
    if (count == 0) {
      throw new TrainingException("XGBoost got no training rows");
    }
    int width = inputCols.size();
    if (count > Integer.MAX_VALUE - 8) {
      throw new TrainingException(count + " rows do not fit one native matrix in the driver; set"
          + " tasks.volatility.gbt.xgboostFit: spark to train with XGBoost4J-Spark's workers instead");
    }
    List<String> names = inputCols;
    PackedRows packed;
    try {
      packed = PackedRows.gather(rows.queryExecution().toRdd().toJavaRDD().mapPartitions(it -> PackedRows.pack(it, names))
          .toLocalIterator(), (int) count, width);
    } catch (Exception e) { // Spark's task failures are checked SparkExceptions, thrown from Scala
      throw refusal(e);
    }
    // XGBoost copies the features into its own matrix, so the packed ones are freed right after
    try (packed) {
      DMatrix matrix = null;
      try {
        matrix = new DMatrix(packed.features(), missing);
        matrix.setLabel(packed.labels());
        return matrix;
      } catch (XGBoostError e) {
        if (matrix != null) {
          matrix.dispose();
        }
        throw new TrainingException("XGBoost could not take its " + count + " training rows: " + e.getMessage(), e);
      }
    }
  }

  /** A row the packing refused (a TrainingException inside Spark's task failure) as itself; anything else wrapped. */
  private static TrainingException refusal(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TrainingException refused) {
        return new TrainingException(refused.getMessage(), e);
      }
    }
    return new TrainingException("XGBoost could not read its training rows: " + e.getMessage(), e);
  }

  /**
   * The training rows in the driver: the features row-major in native memory, where XGBoost reads
   * them without a copy (on the heap they took 515 MB at 10M rows, and the JVM copied them once
   * more to hand them to XGBoost), one label per row. Close it to free the features.
   */
  record PackedRows(BigDenseMatrix features, float[] labels, int rows) implements AutoCloseable {

    @Override
    public void close() {
      features.dispose();
    }

    /**
     * One partition's rows (label, then the features, as floats) as arrays of at most
     * {@link #CHUNK_ROWS} rows, in the same layout. A null or NaN feature fails, naming the column.
     */
    static Iterator<float[]> pack(Iterator<InternalRow> rows, List<String> features) {
      List<float[]> chunks = new ArrayList<>();
      int stride = features.size() + 1;
      float[] chunk = new float[CHUNK_ROWS * stride];
      int used = 0;
      while (rows.hasNext()) {
        InternalRow row = rows.next();
        for (int i = 0; i < stride; i++) {
          float value = row.isNullAt(i) ? Float.NaN : row.getFloat(i);
          if (Float.isNaN(value)) {
            throw new TrainingException("XGBoost cannot train on a " + (row.isNullAt(i) ? "null" : "NaN") + " "
                + (i == 0 ? "label" : "feature " + features.get(i - 1)) + "; the training rows must be complete");
          }
          chunk[used + i] = value;
        }
        used += stride;
        if (used == chunk.length) {
          chunks.add(chunk);
          chunk = new float[CHUNK_ROWS * stride];
          used = 0;
        }
      }
      if (used > 0) {
        chunks.add(Arrays.copyOf(chunk, used));
      }
      return chunks.iterator();
    }

    /** Unpacks the chunks (streamed, one partition in memory at a time) into the feature matrix and labels. */
    static PackedRows gather(Iterator<float[]> chunks, int rows, int width) {
      BigDenseMatrix features = new BigDenseMatrix(rows, width);
      try {
        float[] labels = new float[rows];
        int row = 0;
        int stride = width + 1;
        while (chunks.hasNext()) {
          float[] chunk = chunks.next();
          for (int at = 0; at < chunk.length; at += stride, row++) {
            if (row >= rows) { // never write past the native matrix
              throw new IllegalStateException("expected " + rows + " training rows, got more");
            }
            labels[row] = chunk[at];
            long first = (long) row * width;
            for (int i = 0; i < width; i++) {
              features.set(first + i, chunk[at + 1 + i]);
            }
          }
        }
        if (row != rows) {
          throw new IllegalStateException("expected " + rows + " training rows, got " + row);
        }
        return new PackedRows(features, labels, rows);
      } catch (RuntimeException | Error e) {
        features.dispose();
        throw e;
      }
    }
  }
}
