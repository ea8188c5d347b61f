package io.coinlake.config;

/**
 * MLflow tracking: a local file store directory (the default, ./mlruns) and the experiment name;
 * {@code keepModelVersions} is how many of the newest registered versions keep their model files
 * (older ones are pruned after training, except those an alias or a rollback still needs).
 */
public record MlflowConfig(String trackingUri, String experiment, int keepModelVersions) {
  public MlflowConfig {
    Checks.notBlank(trackingUri, "trackingUri");
    Checks.notBlank(experiment, "experiment");
    Checks.positive(keepModelVersions, "keepModelVersions");
  }
}
