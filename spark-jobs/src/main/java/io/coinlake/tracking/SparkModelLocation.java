package io.coinlake.tracking;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where Spark can load a registered version's Spark ML model ({@code <source>/sparkml}) from. Spark
 * reads {@code file:} and {@code s3a:} itself ({@code s3://} is read as {@code s3a://}); anything else,
 * such as a tracking server's {@code mlflow-artifacts:} URIs, is first downloaded from the version's
 * run into a local temporary folder, removed when the JVM exits.
 */
final class SparkModelLocation {
  private SparkModelLocation() {}

  static String of(ModelVersion version, TrackingBackend runs) {
    String source = version.source().replaceAll("/+$", "");
    if (source.startsWith("file:") || source.startsWith("/") || source.startsWith("s3a://")) {
      return source + "/" + SparkFlavor.MODEL_DATA;
    }
    if (source.startsWith("s3://")) {
      return HadoopArtifacts.toHadoop(source) + "/" + SparkFlavor.MODEL_DATA;
    }
    if (version.runId() == null) {
      throw new TrackingException("model " + version.name() + " version " + version.version() + " has source " + source
          + " but no run id, so its files cannot be downloaded; register it again from its run");
    }
    String root = runs.artifactUri(version.runId()).replaceAll("/+$", "");
    String artifactPath = source.startsWith(root + "/") ? source.substring(root.length() + 1) : "model";
    try {
      Path dir = Files.createTempDirectory("coinlake-model-v" + version.version() + "-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> StoreFiles.deleteRecursively(dir)));
      runs.downloadArtifacts(version.runId(), artifactPath, dir);
      Path sparkml = dir.resolve(SparkFlavor.MODEL_DATA);
      if (!Files.isDirectory(sparkml)) {
        throw new TrackingException("model " + version.name() + " version " + version.version() + " (" + source
            + ") has no " + SparkFlavor.MODEL_DATA + "/ folder; it is not a Spark ML model of the spark flavor");
      }
      return sparkml.toUri().toString();
    } catch (IOException e) {
      throw new TrackingException("cannot make a temporary folder to download model " + version.name() + " version "
          + version.version() + ": " + e.getMessage(), e);
    }
  }
}
