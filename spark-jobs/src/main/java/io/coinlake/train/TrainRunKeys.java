package io.coinlake.train;

/**
 * The names under which a training's parent run records its selection in MLflow, written by the
 * train logger and read back by {@code coinlake model list/show} and the champion comparison.
 */
public final class TrainRunKeys {
  /** Param: the name of the candidate that won the selection. */
  public static final String SELECTED_MODEL = "selected_model";
  /** Param: the metric the selection used (qlike, rmse, mae, r2). */
  public static final String SELECTION_METRIC = TrainingSpec.SELECTION_METRIC;
  /** Tag: the winner's name, also set at the run's start. */
  public static final String SELECTED_MODEL_TAG = "coinlake.selected_model";
  /** Tag on a training's parent run, set once its version is registered: the version number. */
  public static final String REGISTERED_VERSION_TAG = "coinlake.registered_version";
  /** Metric: how many rows the winner was refit on. */
  public static final String TRAINING_ROWS = "training_rows";

  private TrainRunKeys() {}

  /** Metric: the winner's mean over the folds, e.g. cv_qlike. */
  public static String cvMetric(String metric) {
    return "cv_" + metric;
  }

  /** Metric: a baseline's mean over the folds, e.g. persistence_cv_qlike. */
  public static String baselineCvMetric(String baseline, String metric) {
    return baseline + "_cv_" + metric;
  }
}
