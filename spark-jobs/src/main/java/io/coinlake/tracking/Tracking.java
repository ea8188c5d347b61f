package io.coinlake.tracking;

import io.coinlake.config.ConfigException;
import io.coinlake.config.MlflowConfig;
import java.nio.file.Path;

/** The tracking backend and model registry chosen by config: a directory means MLflow's file store. */
public record Tracking(TrackingBackend runs, ModelRegistry registry) {
  public static Tracking open(MlflowConfig config) {
    String uri = config.trackingUri();
    if (uri.startsWith("http://") || uri.startsWith("https://")) {
      throw new ConfigException("mlflow.trackingUri: an MLflow server (" + uri + ") is not supported yet; use a directory such as ./mlruns");
    }
    Path root = Path.of(uri.startsWith("file:") ? java.net.URI.create(uri).getPath() : uri).toAbsolutePath().normalize();
    FileStoreBackend store = new FileStoreBackend(root);
    return new Tracking(store, store);
  }
}
