package io.coinlake.config;

/**
 * MLflow tracking: where runs go and the experiment name. {@code trackingUri} is a local file store
 * directory (the default, ./mlruns) or an http(s) tracking server; the environment variable
 * MLFLOW_TRACKING_URI wins over it. {@code keepModelVersions} is how many of the newest registered
 * versions keep their model files (older ones are pruned after training, except those an alias or
 * a rollback still needs). {@code http} holds the timeouts and the retry/backoff of calls to a
 * tracking server (429, 5xx and connection errors are retried).
 */
public record MlflowConfig(String trackingUri, String experiment, int keepModelVersions, HttpConfig http) {
  /** The default of {@code mlflow.keepModelVersions} in conf/coinlake.yaml. */
  public static final int DEFAULT_KEEP_MODEL_VERSIONS = 5;
  /** The defaults of {@code mlflow.http} in conf/coinlake.yaml. */
  public static final HttpConfig DEFAULT_HTTP = new HttpConfig(10, 120, 5, 500, 10_000, 0.5, 60);

  public MlflowConfig {
    Checks.notBlank(trackingUri, "trackingUri");
    Checks.notBlank(experiment, "experiment");
    Checks.positive(keepModelVersions, "keepModelVersions");
    Checks.present(http, "http");
  }

  /** With the default retention, timeouts and retries. */
  public MlflowConfig(String trackingUri, String experiment) {
    this(trackingUri, experiment, DEFAULT_KEEP_MODEL_VERSIONS, DEFAULT_HTTP);
  }
}
