package io.coinlake.config;

import java.util.List;

/**
 * The gradient-boosted trees grid; every combination of maxIter x maxDepth x stepSize becomes one
 * candidate. {@code engine} picks the trainer: {@value #XGBOOST} (XGBoost4J-Spark, histogram method,
 * the default) or {@value #MLLIB} (Spark MLlib's GBTRegressor). The grid means the same to both:
 * maxIter = trees (XGBoost num_round), maxDepth = max_depth, stepSize = learning rate (eta),
 * subsamplingRate = row subsample per tree, seed = the random seed.
 *
 * <p>{@code xgboostFit} says where an XGBoost fit runs: {@value #FIT_DRIVER} (one native booster in
 * the driver JVM, on every core), {@value #FIT_SPARK} (XGBoost4J-Spark's workers, one barrier task
 * per task slot) or {@value #FIT_AUTO} (driver on a local master, where every slot is a thread of
 * the driver anyway; spark on a cluster). A training run records the resolved choice.
 */
public record GbtGrid(String engine, List<Integer> maxIter, List<Integer> maxDepth, List<Double> stepSize, double subsamplingRate,
    long seed, String xgboostFit) {
  public static final String XGBOOST = "xgboost";
  public static final String MLLIB = "mllib";
  public static final List<String> ENGINES = List.of(XGBOOST, MLLIB);
  public static final String FIT_AUTO = "auto";
  public static final String FIT_DRIVER = "driver";
  public static final String FIT_SPARK = "spark";
  public static final List<String> FITS = List.of(FIT_AUTO, FIT_DRIVER, FIT_SPARK);

  /** A grid whose XGBoost fits run on XGBoost4J-Spark's workers ({@value #FIT_SPARK}). */
  public GbtGrid(String engine, List<Integer> maxIter, List<Integer> maxDepth, List<Double> stepSize, double subsamplingRate, long seed) {
    this(engine, maxIter, maxDepth, stepSize, subsamplingRate, seed, FIT_SPARK);
  }

  public GbtGrid {
    if (engine == null || !ENGINES.contains(engine)) {
      throw new IllegalArgumentException("'engine' must be one of " + ENGINES + ", got '" + engine + "'");
    }
    maxIter = Checks.nonEmpty(maxIter, "maxIter");
    maxDepth = Checks.nonEmpty(maxDepth, "maxDepth");
    stepSize = Checks.nonEmpty(stepSize, "stepSize");
    maxIter.forEach(v -> Checks.positive(v, "maxIter"));
    maxDepth.forEach(v -> Checks.positive(v, "maxDepth"));
    stepSize.forEach(v -> Checks.positive(v, "stepSize"));
    if (xgboostFit == null || !FITS.contains(xgboostFit)) {
      throw new IllegalArgumentException("'xgboostFit' must be one of " + FITS + ", got '" + xgboostFit + "'");
    }
    if (!(subsamplingRate > 0 && subsamplingRate <= 1)) {
      throw new IllegalArgumentException("'subsamplingRate' must be in (0, 1], got " + subsamplingRate);
    }
  }

  /** This grid with {@value #FIT_AUTO} resolved: {@value #FIT_DRIVER} when the Spark master is local, else {@value #FIT_SPARK}. */
  public GbtGrid resolved(boolean localMaster) {
    String fit = FIT_AUTO.equals(xgboostFit) ? (localMaster ? FIT_DRIVER : FIT_SPARK) : xgboostFit;
    return new GbtGrid(engine, maxIter, maxDepth, stepSize, subsamplingRate, seed, fit);
  }
}
