package io.coinlake.tracking;

/** The system tag keys of {@code mlflow/utils/mlflow_tags.py} that this store sets or reads. */
public final class MlflowTags {
  public static final String RUN_NAME = "mlflow.runName";
  public static final String PARENT_RUN_ID = "mlflow.parentRunId";
  public static final String USER = "mlflow.user";
  public static final String SOURCE_TYPE = "mlflow.source.type";
  public static final String SOURCE_NAME = "mlflow.source.name";
  /** JSON list of the MLmodel dicts logged to a run; the UI's "Models" column reads it. */
  public static final String LOGGED_MODELS = "mlflow.log-model.history";

  /** {@code SourceType.to_string(SourceType.LOCAL)}. */
  public static final String SOURCE_TYPE_LOCAL = "LOCAL";

  private MlflowTags() {}
}
