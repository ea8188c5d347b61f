package io.coinlake.tracking;

import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;

/**
 * Picks how to reach a run's artifacts from its {@code artifact_uri}, without ever starting a
 * Python process: {@code mlflow-artifacts:} through the server's artifact proxy, {@code s3://} (or
 * {@code s3a://}) with the S3A client, {@code file:} or an absolute path on the local disk.
 */
final class ArtifactRepositories {
  private ArtifactRepositories() {}

  static ArtifactRepository forRoot(String artifactUri, MlflowHttpClient http, Supplier<Configuration> hadoop) {
    if (artifactUri == null || artifactUri.isBlank()) {
      throw new TrackingException("the tracking server gave the run no artifact_uri; cannot store artifacts");
    }
    if (artifactUri.startsWith(ProxiedArtifacts.SCHEME + ":")) {
      return new ProxiedArtifacts(http, artifactUri);
    }
    if (artifactUri.startsWith("s3://") || artifactUri.startsWith("s3a://")) {
      return new HadoopArtifacts(artifactUri, hadoop.get());
    }
    if (artifactUri.startsWith("file:") || artifactUri.startsWith("/")) {
      return new LocalArtifacts(artifactUri);
    }
    String scheme = artifactUri.contains(":") ? artifactUri.substring(0, artifactUri.indexOf(':')) : "a relative path";
    throw new TrackingException("the run's artifact location " + artifactUri + " uses " + scheme
        + ", which coinlake cannot write: start the tracking server with --serve-artifacts (mlflow-artifacts:)"
        + " or with an s3:// artifact root");
  }
}
