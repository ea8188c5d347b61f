package io.coinlake.tracking;

/**
 * The MLflow REST API 2.0 endpoints this client calls (MLflow's {@code service.proto},
 * {@code model_registry.proto} and {@code mlflow_artifacts.proto}), relative to the tracking URI.
 */
final class MlflowApiPaths {
  static final String PREFIX = "/api/2.0/mlflow/";
  static final String EXPERIMENT_BY_NAME = PREFIX + "experiments/get-by-name";
  static final String EXPERIMENT_CREATE = PREFIX + "experiments/create";
  static final String RUN_CREATE = PREFIX + "runs/create";
  static final String RUN_GET = PREFIX + "runs/get";
  static final String RUN_UPDATE = PREFIX + "runs/update";
  static final String RUN_LOG_BATCH = PREFIX + "runs/log-batch";
  static final String RUN_SEARCH = PREFIX + "runs/search";
  static final String METRIC_HISTORY = PREFIX + "metrics/get-history";
  static final String MODEL_CREATE = PREFIX + "registered-models/create";
  static final String MODEL_GET = PREFIX + "registered-models/get";
  static final String MODEL_SEARCH = PREFIX + "registered-models/search";
  static final String MODEL_ALIAS = PREFIX + "registered-models/alias";
  static final String VERSION_CREATE = PREFIX + "model-versions/create";
  static final String VERSION_GET = PREFIX + "model-versions/get";
  static final String VERSION_SEARCH = PREFIX + "model-versions/search";
  static final String VERSION_SET_TAG = PREFIX + "model-versions/set-tag";
  /** Artifact proxying ({@code mlflow server --serve-artifacts}); files below it by path. */
  static final String ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts";

  private MlflowApiPaths() {}
}
