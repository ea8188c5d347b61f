/**
 * MLflow tracking and model registry for coinlake: the {@link io.coinlake.tracking.TrackingBackend}
 * and {@link io.coinlake.tracking.ModelRegistry} interfaces, the {@code ./mlruns} file store that
 * {@code mlflow ui} reads ({@link io.coinlake.tracking.FileStoreBackend}), and the MLmodel writer of
 * the spark flavor ({@link io.coinlake.tracking.SparkFlavor}).
 */
package io.coinlake.tracking;
