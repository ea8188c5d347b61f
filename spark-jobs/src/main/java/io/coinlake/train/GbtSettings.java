package io.coinlake.train;

import io.coinlake.config.GbtGrid;
import java.util.LinkedHashMap;
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
 */
public record GbtSettings(String engine, int maxIter, int maxDepth, double stepSize, double subsamplingRate, long seed,
    int workers, int threadsPerWorker) {

  public static final String TREE_METHOD = "hist";
  public static final String OBJECTIVE = "reg:squarederror";

  public GbtSettings {
    if (engine == null || !GbtGrid.ENGINES.contains(engine)) {
      throw new IllegalArgumentException("engine must be one of " + GbtGrid.ENGINES + ", got '" + engine + "'");
    }
    if (maxIter < 1 || maxDepth < 1 || !(stepSize > 0) || !(subsamplingRate > 0 && subsamplingRate <= 1)
        || workers < 1 || threadsPerWorker < 1) {
      throw new IllegalArgumentException("invalid GBT settings " + this);
    }
  }

  /** The unfitted regressor reading {@code featuresCol}, learning {@code labelCol}, writing {@code predictionCol}. */
  PipelineStage regressor(String featuresCol, String labelCol, String predictionCol) {
    if (GbtGrid.MLLIB.equals(engine)) {
      return new GBTRegressor().setFeaturesCol(featuresCol).setLabelCol(labelCol).setPredictionCol(predictionCol)
          .setMaxIter(maxIter).setMaxDepth(maxDepth).setStepSize(stepSize).setSubsamplingRate(subsamplingRate).setSeed(seed);
    }
    XGBoostRegressor xgb = new XGBoostRegressor();
    xgb.setFeaturesCol(featuresCol).setLabelCol(labelCol).setPredictionCol(predictionCol);
    // quiet: no native messages, no per-round "train-rmse" lines on stdout
    xgb.set(xgb.verbosity(), 0);
    return xgb.setSilent(1).setObjective(OBJECTIVE).setTreeMethod(TREE_METHOD).setNumRound(maxIter).setMaxDepth(maxDepth).setEta(stepSize)
        .setSubsample(subsamplingRate).setSeed(seed).setNumWorkers(workers).setNthread(threadsPerWorker).setMissing(0.0f);
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
      p.put("numWorkers", Integer.toString(workers));
      p.put("nthread", Integer.toString(threadsPerWorker));
      p.put("missing", "0.0");
    }
    return p;
  }
}
