package io.coinlake.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coinlake.testing.FakeMlflowServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Tracking#sparkModelLocation}: a path Spark can load a registered version's model from. */
class MlflowRestModelLocationTest {
  @TempDir Path tmp;

  @Test
  void aProxiedModelIsDownloadedToALocalFolder() throws Exception {
    try (FakeMlflowServer server = FakeMlflowServer.start()) {
      MlflowRestBackend backend = RestBackends.connect(server, new MutableClock(1L), new RecordingSleeper());
      String run = backend.startRun(backend.getOrCreateExperiment("e"), "r", null, Map.of());
      Path model = Files.createDirectories(tmp.resolve("model/sparkml/stages/0_lr/metadata"));
      Files.writeString(model.resolve("part-00000"), "{\"class\":\"LinearRegressionModel\"}");
      Files.writeString(tmp.resolve("model/MLmodel"), "flavors: {}\n");
      String source = backend.logArtifacts(run, tmp.resolve("model"), "model");
      ModelVersion version = backend.createVersion("m", source, run);

      String location = new Tracking(backend, backend).sparkModelLocation(version);
      Path local = Path.of(URI.create(location));
      assertEquals("sparkml", local.getFileName().toString());
      assertEquals("{\"class\":\"LinearRegressionModel\"}", Files.readString(local.resolve("stages/0_lr/metadata/part-00000")));
      assertTrue(location.startsWith("file:"), location);
      assertEquals(List.of(), server.violations());
    }
  }

  @Test
  void pathsSparkReadsItselfAreUsedAsTheyAre() {
    TrackingBackend unused = null;
    assertEquals("file:///data/mlruns/1/r/artifacts/model/sparkml",
        new Tracking(unused, null).sparkModelLocation(new ModelVersion("m", 1, "file:///data/mlruns/1/r/artifacts/model", "r", 0)));
    assertEquals("s3a://bucket/mlflow/1/r/artifacts/model/sparkml",
        new Tracking(unused, null).sparkModelLocation(new ModelVersion("m", 1, "s3://bucket/mlflow/1/r/artifacts/model/", "r", 0)));
  }

  @Test
  void aModelWithoutSparkmlIsANamedError() throws Exception {
    try (FakeMlflowServer server = FakeMlflowServer.start()) {
      MlflowRestBackend backend = RestBackends.connect(server, new MutableClock(1L), new RecordingSleeper());
      String run = backend.startRun(backend.getOrCreateExperiment("e"), "r", null, Map.of());
      Files.createDirectories(tmp.resolve("model"));
      Files.writeString(tmp.resolve("model/MLmodel"), "flavors: {}\n");
      ModelVersion version = backend.createVersion("m", backend.logArtifacts(run, tmp.resolve("model"), "model"), run);
      TrackingException e = assertThrows(TrackingException.class, () -> new Tracking(backend, backend).sparkModelLocation(version));
      assertEquals("model m version 1 (mlflow-artifacts:/1/" + run + "/artifacts/model) has no sparkml/ folder; it is not a"
          + " Spark ML model of the spark flavor", e.getMessage());
    }
  }
}
