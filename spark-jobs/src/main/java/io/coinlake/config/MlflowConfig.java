package io.coinlake.config;

/** MLflow tracking: a local file store directory (the default, ./mlruns) and the experiment name. */
public record MlflowConfig(String trackingUri, String experiment) {
  public MlflowConfig {
    Checks.notBlank(trackingUri, "trackingUri");
    Checks.notBlank(experiment, "experiment");
  }
}
