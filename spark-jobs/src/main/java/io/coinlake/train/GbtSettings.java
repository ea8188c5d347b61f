package io.coinlake.train;

import io.coinlake.config.GbtGrid;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.scala.spark.XGBoostRegressor;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.regression.GBTRegressor;

/**
 * One point of the GBT grid and the engine that fits it. The grid maps to both engines the same
 * way: maxIter = trees (XGBoost num_round), maxDepth, stepSize = learning rate (XGBoost eta),
 * subsamplingRate = rows sampled per tree (XGBoost subsample), seed. XGBoost runs the histogram
 * method with squared error, one worker per training partition ({@code workers}) and
 * {@code threadsPerWorker} threads each. It treats 0.0 as missing: Spark's VectorAssembler stores a
 * row with many zeros as a sparse vector whose zeros XGBoost would read as missing, so zeros are
 * missing in every row, dense or sparse, in fitting and in scoring alike.
 *
 * <p>{@code xgboostFit} {@value GbtGrid#FIT_DRIVER} fits one native booster in the driver
 * ({@link DriverXgboostRegressor}) with {@code workers x threadsPerWorker} threads, into the same
 * model class; {@value GbtGrid#FIT_SPARK} uses XGBoost4J-Spark's estimator and workers.
 */
public record GbtSettings(String engine, int maxIter, int maxDepth, double stepSize, double subsamplingRate, long seed,
    int workers, int threadsPerWorker, String xgboostFit) {

  /** Settings whose XGBoost fits run on XGBoost4J-Spark's workers. */
  public GbtSettings(String engine, int maxIter, int maxDepth, double stepSize, double subsamplingRate, long seed, int workers,
      int threadsPerWorker) {
    this(engine, maxIter, maxDepth, stepSize, subsamplingRate, seed, workers, threadsPerWorker, GbtGrid.FIT_SPARK);
  }

  public static final String TREE_METHOD = "hist";
  public static final String OBJECTIVE = "reg:squarederror";
  /** The feature value XGBoost reads as missing (see above). */
  static final float MISSING = 0.0f;

  public GbtSettings {
    if (engine == null || !GbtGrid.ENGINES.contains(engine)) {
      throw new IllegalArgumentException("engine must be one of " + GbtGrid.ENGINES + ", got '" + engine + "'");
    }
    if (maxIter < 1 || maxDepth < 1 || !(stepSize > 0) || !(subsamplingRate > 0 && subsamplingRate <= 1)
        || workers < 1 || threadsPerWorker < 1 || !(GbtGrid.FIT_DRIVER.equals(xgboostFit) || GbtGrid.FIT_SPARK.equals(xgboostFit))) {
      throw new IllegalArgumentException("invalid GBT settings " + this);
    }
  }

  /**
   * The unfitted regressor reading {@code featuresCol} (the assembled {@code inputCols}; a fit in
   * the driver reads the columns themselves and gets its native matrix from {@code matrices}),
   * learning {@code labelCol}, writing {@code predictionCol}.
   */
  PipelineStage regressor(List<String> inputCols, String featuresCol, String labelCol, String predictionCol,
      TrainingMatrices matrices) {
    if (GbtGrid.MLLIB.equals(engine)) {
      return new GBTRegressor().setFeaturesCol(featuresCol).setLabelCol(labelCol).setPredictionCol(predictionCol)
          .setMaxIter(maxIter).setMaxDepth(maxDepth).setStepSize(stepSize).setSubsamplingRate(subsamplingRate).setSeed(seed);
    }
    XGBoostRegressor xgb = new XGBoostRegressor();
    xgb.setFeaturesCol(featuresCol).setLabelCol(labelCol).setPredictionCol(predictionCol);
    // quiet: no native messages, no per-round "train-rmse" lines on stdout
    xgb.set(xgb.verbosity(), 0);
    xgb.setSilent(1).setObjective(OBJECTIVE).setTreeMethod(TREE_METHOD).setNumRound(maxIter).setMaxDepth(maxDepth).setEta(stepSize)
        .setSubsample(subsamplingRate).setSeed(seed).setNumWorkers(workers).setNthread(threadsPerWorker).setMissing(MISSING);
    if (GbtGrid.FIT_SPARK.equals(xgboostFit)) {
      return xgb;
    }
    return new DriverXgboostRegressor(xgb, inputCols, boosterParams(), maxIter, matrices);
  }

  /** The native booster's params of a fit in the driver. */
  Map<String, Object> boosterParams() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("objective", OBJECTIVE);
    p.put("tree_method", TREE_METHOD);
    p.put("max_depth", maxDepth);
    p.put("eta", stepSize);
    p.put("subsample", subsamplingRate);
    p.put("seed", seed);
    p.put("nthread", driverThreads());
    p.put("verbosity", 0);
    return p;
  }

  /** The threads of a fit in the driver: one per worker slot it replaces. */
  int driverThreads() {
    return workers * threadsPerWorker;
  }

  /** The MLflow params of the candidate: the grid point, which engine fitted it, and how XGBoost ran. */
  Map<String, String> params() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("engine", engine);
    p.put("maxIter", Integer.toString(maxIter));
    p.put("maxDepth", Integer.toString(maxDepth));
    p.put("stepSize", Double.toString(stepSize));
    p.put("subsamplingRate", Double.toString(subsamplingRate));
    p.put("seed", Long.toString(seed));
    if (GbtGrid.XGBOOST.equals(engine)) {
      p.put("treeMethod", TREE_METHOD);
      p.put("objective", OBJECTIVE);
      p.put("xgboostFit", xgboostFit);
      boolean driver = GbtGrid.FIT_DRIVER.equals(xgboostFit);
      p.put("numWorkers", Integer.toString(driver ? 1 : workers));
      p.put("nthread", Integer.toString(driver ? driverThreads() : threadsPerWorker));
      p.put("missing", "0.0");
    }
    return p;
  }
}
