package io.coinlake.config;

import java.util.List;

/** The MLlib GBTRegressor parameter grid; every combination becomes one candidate. */
public record GbtGrid(List<Integer> maxIter, List<Integer> maxDepth, List<Double> stepSize, double subsamplingRate, long seed) {
  public GbtGrid {
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
