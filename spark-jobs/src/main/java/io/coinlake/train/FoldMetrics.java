package io.coinlake.train;

/** The metrics of one candidate on one validation fold (fold = -1 for the mean over folds). */
public record FoldMetrics(String model, int fold, long rows, double qlike, double rmse, double mae, double r2) {
  public double get(String metric) {
    return switch (metric) {
      case Metrics.QLIKE -> qlike;
      case Metrics.RMSE -> rmse;
      case Metrics.MAE -> mae;
      case Metrics.R2 -> r2;
      default -> throw new IllegalArgumentException("unknown metric " + metric);
    };
  }
}
