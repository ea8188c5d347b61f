package io.coinlake.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coinlake.config.MlflowConfig;
import io.coinlake.testing.FakeMlflowServer;
import io.coinlake.testing.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tracking server whose artifact root is {@code s3://} (no artifact proxy): the REST backend
 * writes, reads and deletes the run's files on a real S3 server (s3proxy) through S3A with the
 * config's {@code s3} settings, and never calls the proxy.
 */
class MlflowRestS3ArtifactsIT {
  @TempDir Path tmp;

  @Test
  void artifactsGoStraightToS3() throws Exception {
    try (S3ProxyServer s3 = S3ProxyServer.start(tmp.resolve("s3")); FakeMlflowServer server = FakeMlflowServer.start()) {
      s3.exportCredentials();
      server.store().artifactRoot("s3://" + s3.bucket() + "/mlflow");
      Tracking tracking = Tracking.open(new MlflowConfig(server.uri(), "e"), s3.s3Config(), Map.of());
      TrackingBackend runs = tracking.runs();
      String exp = runs.getOrCreateExperiment("e");
      String run = runs.startRun(exp, "r", null, Map.of());
      Path model = Files.createDirectories(tmp.resolve("model/sparkml/metadata"));
      Files.writeString(model.resolve("part-00000"), "{\"class\":\"org.apache.spark.ml.PipelineModel\"}");
      Files.writeString(tmp.resolve("model/MLmodel"), "flavors: {}\n");

      String uri = runs.logArtifacts(run, tmp.resolve("model"), "model");
      assertEquals("s3://" + s3.bucket() + "/mlflow/" + exp + "/" + run + "/artifacts/model", uri);
      Path objects = s3.bucketDir().resolve("mlflow/" + exp + "/" + run + "/artifacts/model");
      assertTrue(Files.exists(objects.resolve("MLmodel")), "object written to S3: " + objects);

      Path back = tmp.resolve("back");
      runs.downloadArtifacts(run, "model", back);
      assertEquals("{\"class\":\"org.apache.spark.ml.PipelineModel\"}", Files.readString(back.resolve("sparkml/metadata/part-00000")));
      assertEquals("flavors: {}\n", Files.readString(back.resolve("MLmodel")));
      assertFalse(Files.exists(back.resolve(".MLmodel.crc")), "no Hadoop checksum files next to downloads");
      assertThrows(TrackingException.class, () -> runs.downloadArtifacts(run, "model/none", tmp.resolve("none")));

      assertEquals(1, tracking.registry().createVersion("m", uri, run).version());

      runs.deleteArtifacts(run, "model/sparkml");
      assertThrows(TrackingException.class, () -> runs.downloadArtifacts(run, "model/sparkml", tmp.resolve("gone")));
      runs.downloadArtifacts(run, "model/MLmodel", tmp.resolve("still"));
      assertTrue(Files.isRegularFile(tmp.resolve("still/MLmodel")));

      assertTrue(server.lines().stream().noneMatch(l -> l.contains("mlflow-artifacts")), server.lines().toString());
      assertEquals(List.of(), server.violations());
    }
  }
}
