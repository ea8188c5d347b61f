package io.coinlake.score;

import io.coinlake.lake.Lake;
import io.coinlake.lake.ModelStaging;
import io.coinlake.tracking.ModelVersion;
import io.coinlake.tracking.SparkFlavor;
import io.coinlake.tracking.TrackingBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.sql.SparkSession;

/**
 * Where the executors load a registered model version from: its {@code sparkml/} files, copied
 * from MLflow (any backend) into the lake once per run id, since the executors of a cluster cannot
 * read the driver's ./mlruns or a tracking server's artifact store.
 */
final class ChampionModel {
  private ChampionModel() {}

  static String loadPath(SparkSession spark, Lake lake, TrackingBackend runs, ModelVersion version) {
    String key = version.runId();
    if (!ModelStaging.isPublished(spark, lake, key)) {
      Path local = null;
      try {
        local = Files.createTempDirectory("coinlake-champion");
        runs.downloadArtifacts(version.runId(), artifactPath(runs, version), local);
        ModelStaging.publish(spark, lake, local.resolve(SparkFlavor.MODEL_DATA), key);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot make a local folder for model " + version.name() + " v" + version.version(), e);
      } finally {
        if (local != null) {
          try {
            JavaUtils.deleteRecursively(local.toFile());
          } catch (IOException e) {
            // a leftover temp folder is harmless
          }
        }
      }
    }
    return ModelStaging.loadPath(lake, key);
  }

  /** The version's source relative to its run's artifact root, e.g. {@code model}. */
  static String artifactPath(TrackingBackend runs, ModelVersion version) {
    String root = runs.artifactUri(version.runId());
    if (version.source() == null || !version.source().startsWith(root + "/")) {
      throw new ScoringException("model " + version.name() + " v" + version.version() + " has source " + version.source()
          + ", which is not inside the artifacts of its run " + version.runId() + " (" + root + "); register a version logged by ./coinlake train");
    }
    return version.source().substring(root.length() + 1);
  }
}
