package io.coinlake.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coinlake.config.MlflowConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST backend against a real MLflow tracking server, when one is given in
 * COINLAKE_MLFLOW_IT_URI (e.g. http://127.0.0.1:5055, started with --serve-artifacts). No server
 * can be installed in CI, so the build leaves this test out; run it by name:
 * {@code COINLAKE_MLFLOW_IT_URI=http://127.0.0.1:5055 mvn -pl spark-jobs verify -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=MlflowRealServerIT}. The contract tests do
 * not need it; this is the check that the fake tells the truth.
 */
class MlflowRealServerIT {
  @TempDir Path tmp;

  @Test
  void everyOperationWorksAgainstARealServer() throws Exception {
    String uri = System.getenv("COINLAKE_MLFLOW_IT_URI");
    assertTrue(uri != null && !uri.isBlank(), "set COINLAKE_MLFLOW_IT_URI to a running MLflow server");
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    Tracking tracking = Tracking.open(new MlflowConfig(uri, "coinlake-it-" + suffix), Map.of());
    TrackingBackend runs = tracking.runs();
    ModelRegistry registry = tracking.registry();

    String exp = runs.getOrCreateExperiment("coinlake-it-" + suffix);
    assertEquals(exp, runs.getOrCreateExperiment("coinlake-it-" + suffix));
    String parent = runs.startRun(exp, "parent", null, Map.of("coinlake.task", "volatility"));
    String child = runs.startRun(exp, "child", parent, Map.of());
    runs.logParams(child, Map.of("horizon", "7", "max_depth", "5"));
    runs.logMetric(child, "qlike", 0.9, 0);
    runs.logMetric(child, "qlike", 0.8, 1);
    runs.setTags(child, Map.of("coinlake.baseline", "false"));
    runs.endRun(child, RunStatus.FINISHED);
    assertEquals(List.of(0.9, 0.8), runs.metricHistory(child, "qlike").stream().map(MetricPoint::value).toList());
    assertEquals(List.of(0L, 1L), runs.metricHistory(child, "qlike").stream().map(MetricPoint::step).toList());
    assertEquals(Map.of("horizon", "7", "max_depth", "5"), runs.params(child));
    assertEquals(parent, runs.tags(child).get("mlflow.parentRunId"));
    assertThrows(TrackingException.class, () -> runs.logParams(child, Map.of("horizon", "14")));

    Path model = Files.createDirectories(tmp.resolve("model/sparkml/metadata"));
    Files.writeString(model.resolve("part-00000"), "{\"class\":\"org.apache.spark.ml.PipelineModel\"}");
    Files.writeString(tmp.resolve("model/MLmodel"), "flavors:\n  spark:\n    model_data: sparkml\n");
    String source = runs.logArtifacts(parent, tmp.resolve("model"), "model");
    assertEquals("mlflow-artifacts:/" + exp + "/" + parent + "/artifacts/model", source);
    Path back = tmp.resolve("back");
    runs.downloadArtifacts(parent, "model", back);
    assertEquals("{\"class\":\"org.apache.spark.ml.PipelineModel\"}", Files.readString(back.resolve("sparkml/metadata/part-00000")));
    assertThrows(TrackingException.class, () -> runs.downloadArtifacts(parent, "model/none.txt", tmp.resolve("none")));

    String name = "coinlake-it-" + suffix;
    assertEquals(Optional.empty(), registry.getByAlias(name, "champion"));
    ModelVersion v1 = registry.createVersion(name, source, parent);
    ModelVersion v2 = registry.createVersion(name, source, parent);
    assertEquals(List.of(1, 2), List.of(v1.version(), v2.version()));
    assertEquals(Optional.empty(), registry.getByAlias(name, "champion"));
    registry.setAlias(name, "champion", 1);
    registry.setAlias(name, "champion", 2);
    assertEquals(2, registry.getByAlias(name, "champion").orElseThrow().version());
    assertEquals(Map.of("champion", 2), registry.aliases(name));
    assertEquals(List.of(1, 2), registry.listVersions(name).stream().map(ModelVersion::version).toList());
    assertTrue(registry.listModels().contains(name));
    registry.setVersionTag(name, 1, "coinlake.artifacts_deleted", "true");
    assertEquals(Map.of("coinlake.artifacts_deleted", "true"), registry.versionTags(name, 1));
    assertEquals(Optional.empty(), registry.getVersion(name, 9));

    runs.deleteArtifacts(parent, "model/sparkml");
    assertThrows(TrackingException.class, () -> runs.downloadArtifacts(parent, "model/sparkml", tmp.resolve("gone")));
    runs.endRun(parent, RunStatus.FAILED);
  }
}
