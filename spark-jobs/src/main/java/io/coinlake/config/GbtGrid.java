package io.coinlake.config;

import java.util.List;

/**
 * The gradient-boosted trees grid; every combination of maxIter x maxDepth x stepSize becomes one
 * candidate. {@code engine} picks the trainer: {@value #XGBOOST} (XGBoost4J-Spark, histogram method,
 * the default) or {@value #MLLIB} (Spark MLlib's GBTRegressor). The grid means the same to both:
 * maxIter = trees (XGBoost num_round), maxDepth = max_depth, stepSize = learning rate (eta),
 * subsamplingRate = row subsample per tree, seed = the random seed.
 */
public record GbtGrid(String engine, List<Integer> maxIter, List<Integer> maxDepth, List<Double> stepSize, double subsamplingRate,
    long seed) {
  public static final String XGBOOST = "xgboost";
  public static final String MLLIB = "mllib";
  public static final List<String> ENGINES = List.of(XGBOOST, MLLIB);

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
    if (!(subsamplingRate > 0 && subsamplingRate <= 1)) {
      throw new IllegalArgumentException("'subsamplingRate' must be in (0, 1], got " + subsamplingRate);
    }
  }
}
