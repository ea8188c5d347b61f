package io.coinlake.config;

/**
 * MLflow tracking: where runs go and the experiment name. {@code trackingUri} is a local file store
 * directory (the default, ./mlruns) or an http(s) tracking server; the environment variable
 * MLFLOW_TRACKING_URI wins over it. {@code http} holds the timeouts and the retry/backoff of calls
 * to a tracking server (429, 5xx and connection errors are retried).
 */
public record MlflowConfig(String trackingUri, String experiment, HttpConfig http) {
  /** The defaults of {@code mlflow.http} in conf/coinlake.yaml. */
  public static final HttpConfig DEFAULT_HTTP = new HttpConfig(10, 120, 5, 500, 10_000, 0.5, 60);

  public MlflowConfig {
    Checks.notBlank(trackingUri, "trackingUri");
    Checks.notBlank(experiment, "experiment");
    Checks.present(http, "http");
  }

  /** With the default timeouts and retries. */
  public MlflowConfig(String trackingUri, String experiment) {
    this(trackingUri, experiment, DEFAULT_HTTP);
  }
}
