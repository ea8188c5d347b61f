package io.coinlake.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreTrackingTest {
  private static final long T0 = 1_700_000_000_000L;

  @TempDir Path tmp;
  private Path root;
  private MutableClock clock;
  private FileStoreBackend store;

  @BeforeEach
  void setUp() {
    root = tmp.resolve("mlruns");
    clock = new MutableClock(T0);
    store = new FileStoreBackend(root, clock);
  }

  private static Map<String, Object> yaml(Path file) {
    return MetaYaml.read(file);
  }

  private String rootUri() {
    return "file://" + root.toAbsolutePath();
  }

  @Test
  void newRootHasDefaultExperimentTrashAndModelsLikeMlflow() throws Exception {
    Map<String, Object> meta = yaml(root.resolve("0/meta.yaml"));
    assertEquals(
        List.of("artifact_location", "creation_time", "experiment_id", "last_update_time", "lifecycle_stage", "name"),
        List.copyOf(meta.keySet()));
    assertEquals("Default", meta.get("name"));
    assertEquals("0", meta.get("experiment_id"));
    assertEquals(rootUri() + "/0", meta.get("artifact_location"));
    assertEquals("active", meta.get("lifecycle_stage"));
    assertEquals(T0, ((Number) meta.get("creation_time")).longValue());
    assertEquals(T0, ((Number) meta.get("last_update_time")).longValue());
    assertTrue(Files.isDirectory(root.resolve(".trash")));
    assertTrue(Files.isDirectory(root.resolve("models")));
    String text = Files.readString(root.resolve("0/meta.yaml"));
    assertTrue(text.contains("experiment_id: \"0\"\n"), text);
    assertTrue(text.contains("creation_time: 1700000000000\n"), text);
  }

  @Test
  void reopeningAStoreKeepsExperimentsAndDoesNotRewriteDefault() {
    String id = store.getOrCreateExperiment("volatility");
    clock.set(T0 + 5);
    FileStoreBackend again = new FileStoreBackend(root, clock);
    assertEquals(id, again.getOrCreateExperiment("volatility"));
    assertEquals(T0, ((Number) yaml(root.resolve("0/meta.yaml")).get("creation_time")).longValue());
  }

  @Test
  void experimentIsCreatedOnceWithAnIntegerIdAndMeta() {
    clock.set(T0 + 10);
    String id = store.getOrCreateExperiment("coinlake-volatility");
    assertTrue(id.matches("[1-9][0-9]{17}"), id);
    assertEquals(id, store.getOrCreateExperiment("coinlake-volatility"));
    assertNotEquals(id, store.getOrCreateExperiment("coinlake-liquidity"));
    Map<String, Object> meta = yaml(root.resolve(id).resolve("meta.yaml"));
    assertEquals("coinlake-volatility", meta.get("name"));
    assertEquals(id, meta.get("experiment_id"));
    assertInstanceOf(String.class, meta.get("experiment_id"));
    assertEquals(rootUri() + "/" + id, meta.get("artifact_location"));
    assertEquals(T0 + 10, ((Number) meta.get("creation_time")).longValue());
    assertEquals("active", meta.get("lifecycle_stage"));
  }

  @Test
  void runMetaHasEveryFieldMlflowWritesWithTheRightTypes() {
    String exp = store.getOrCreateExperiment("e");
    clock.set(T0 + 100);
    String run = store.startRun(exp, "gbt-depth5", null, Map.of("task", "volatility"));
    assertTrue(run.matches("[0-9a-f]{32}"), run);
    Path runDir = root.resolve(exp).resolve(run);
    Map<String, Object> meta = yaml(runDir.resolve("meta.yaml"));
    assertEquals(
        List.of("artifact_uri", "end_time", "entry_point_name", "experiment_id", "lifecycle_stage", "run_id",
            "run_name", "run_uuid", "source_name", "source_type", "source_version", "start_time", "status",
            "tags", "user_id"),
        List.copyOf(meta.keySet()));
    assertEquals(rootUri() + "/" + exp + "/" + run + "/artifacts", meta.get("artifact_uri"));
    assertTrue(meta.containsKey("end_time"));
    assertNull(meta.get("end_time"));
    assertEquals("", meta.get("entry_point_name"));
    assertEquals(exp, meta.get("experiment_id"));
    assertEquals("active", meta.get("lifecycle_stage"));
    assertEquals(run, meta.get("run_id"));
    assertEquals(run, meta.get("run_uuid"));
    assertEquals("gbt-depth5", meta.get("run_name"));
    assertEquals("", meta.get("source_name"));
    assertEquals(4, meta.get("source_type"));
    assertEquals("", meta.get("source_version"));
    assertEquals(T0 + 100, ((Number) meta.get("start_time")).longValue());
    assertEquals(1, meta.get("status"));
    assertEquals(List.of(), meta.get("tags"));
    assertEquals(System.getProperty("user.name"), meta.get("user_id"));
    assertTrue(Files.isDirectory(runDir.resolve("metrics")));
    assertTrue(Files.isDirectory(runDir.resolve("params")));
    assertTrue(Files.isDirectory(runDir.resolve("artifacts")));
    assertEquals(rootUri() + "/" + exp + "/" + run + "/artifacts", store.artifactUri(run));
  }

  @Test
  void endRunWritesIntegerStatusAndEndTime() {
    String exp = store.getOrCreateExperiment("e");
    String run = store.startRun(exp, "r", null, Map.of());
    clock.set(T0 + 5_000);
    store.endRun(run, RunStatus.FINISHED);
    Map<String, Object> meta = yaml(root.resolve(exp).resolve(run).resolve("meta.yaml"));
    assertEquals(3, meta.get("status"));
    assertInstanceOf(Integer.class, meta.get("status"));
    assertEquals(T0 + 5_000, ((Number) meta.get("end_time")).longValue());
    assertEquals(T0, ((Number) meta.get("start_time")).longValue());
    assertEquals("r", meta.get("run_name"));
    String failed = store.startRun(exp, "f", null, Map.of());
    store.endRun(failed, RunStatus.FAILED);
    assertEquals(4, yaml(root.resolve(exp).resolve(failed).resolve("meta.yaml")).get("status"));
  }

  @Test
  void systemTagsAreWrittenAsOneFilePerKey() throws Exception {
    String exp = store.getOrCreateExperiment("e");
    String parent = store.startRun(exp, "parent", null, Map.of());
    String child = store.startRun(exp, "fold-1", parent, Map.of("coinlake.fold", "1"));
    Path tags = root.resolve(exp).resolve(child).resolve("tags");
    assertEquals("fold-1", Files.readString(tags.resolve("mlflow.runName")));
    assertEquals(parent, Files.readString(tags.resolve("mlflow.parentRunId")));
    assertEquals("LOCAL", Files.readString(tags.resolve("mlflow.source.type")));
    assertEquals(System.getProperty("user.name"), Files.readString(tags.resolve("mlflow.user")));
    assertFalse(Files.readString(tags.resolve("mlflow.source.name")).isEmpty());
    assertEquals("1", Files.readString(tags.resolve("coinlake.fold")));
    Map<String, String> read = store.tags(child);
    assertEquals("fold-1", read.get("mlflow.runName"));
    assertEquals(parent, read.get("mlflow.parentRunId"));
    assertEquals(6, read.size(), read.toString());
    assertFalse(store.tags(parent).containsKey("mlflow.parentRunId"));
  }

  @Test
  void runNameTagOverridesAndConflicts() {
    String exp = store.getOrCreateExperiment("e");
    String run = store.startRun(exp, null, null, Map.of("mlflow.runName", "from-tag"));
    assertEquals("from-tag", store.tags(run).get("mlflow.runName"));
    String unnamed = store.startRun(exp, null, null, null);
    assertTrue(store.tags(unnamed).get("mlflow.runName").matches("[a-z]+-[a-z]+-[0-9]{1,3}"));
    assertThrows(IllegalArgumentException.class, () -> store.startRun(exp, "a", null, Map.of("mlflow.runName", "b")));
    store.setTags(run, Map.of("mlflow.runName", "renamed"));
    assertEquals("renamed", yaml(root.resolve(exp).resolve(run).resolve("meta.yaml")).get("run_name"));
    assertEquals("renamed", store.tags(run).get("mlflow.runName"));
  }

  @Test
  void metricFileHasOneLinePerValueAsTimestampValueStep() throws Exception {
    String exp = store.getOrCreateExperiment("e");
    String run = store.startRun(exp, "r", null, Map.of());
    double[] values = {0.5, 1.0, 1e-5};
    for (int step = 0; step <= 2; step++) {
      clock.set(T0 + 1000 * step);
      store.logMetric(run, "val_rmse", values[step], step);
    }
    List<String> lines = Files.readAllLines(root.resolve(exp).resolve(run).resolve("metrics/val_rmse"));
    assertEquals(
        List.of("1700000000000 0.5 0", "1700000001000 1.0 1", "1700000002000 1e-05 2"), lines);
    assertEquals(
        List.of(new MetricPoint(T0, 0.5, 0), new MetricPoint(T0 + 1000, 1.0, 1), new MetricPoint(T0 + 2000, 1e-5, 2)),
        store.metricHistory(run, "val_rmse"));
    assertEquals(List.of(), store.metricHistory(run, "absent"));
  }

  @Test
  void metricsWithSlashesAndSpecialValues() throws Exception {
    String exp = store.getOrCreateExperiment("e");
    String run = store.startRun(exp, "r", null, Map.of());
    store.logMetric(run, "fold/1/rmse", Double.NaN, 7);
    store.logMetric(run, "fold/1/rmse", Double.POSITIVE_INFINITY, 8);
    assertEquals(
        List.of(T0 + " nan 7", T0 + " inf 8"),
        Files.readAllLines(root.resolve(exp).resolve(run).resolve("metrics/fold/1/rmse")));
    List<MetricPoint> h = store.metricHistory(run, "fold/1/rmse");
    assertTrue(Double.isNaN(h.get(0).value()));
    assertEquals(Double.POSITIVE_INFINITY, h.get(1).value());
  }

  @Test
  void paramsAreValueOnlyFilesAndImmutable() throws Exception {
    String exp = store.getOrCreateExperiment("e");
    String run = store.startRun(exp, "r", null, Map.of());
    Map<String, String> params = new LinkedHashMap<>();
    params.put("maxDepth", "5");
    params.put("cv/folds", "4");
    params.put("empty", null);
    store.logParams(run, params);
    Path dir = root.resolve(exp).resolve(run).resolve("params");
    assertEquals("5", Files.readString(dir.resolve("maxDepth")));
    assertEquals("4", Files.readString(dir.resolve("cv/folds")));
    assertEquals(0, Files.size(dir.resolve("empty")));
    assertEquals(Map.of("maxDepth", "5", "cv/folds", "4", "empty", ""), store.params(run));
    store.logParams(run, Map.of("maxDepth", "5"));
    TrackingException e =
        assertThrows(TrackingException.class, () -> store.logParams(run, Map.of("maxDepth", "6")));
    assertTrue(e.getMessage().contains("maxDepth"), e.getMessage());
    assertEquals("5", Files.readString(dir.resolve("maxDepth")));
  }

  @Test
  void invalidKeysAreRejectedBeforeTouchingTheDisk() {
    String exp = store.getOrCreateExperiment("e");
    String run = store.startRun(exp, "r", null, Map.of());
    assertThrows(IllegalArgumentException.class, () -> store.logMetric(run, "../escape", 1.0, 0));
    assertThrows(IllegalArgumentException.class, () -> store.logParams(run, Map.of("/abs", "1")));
    assertThrows(IllegalArgumentException.class, () -> store.setTags(run, Map.of("a//b", "1")));
    assertThrows(IllegalArgumentException.class, () -> store.setTags(run, Map.of("bad*char", "1")));
    assertFalse(Files.exists(root.resolve(exp).resolve("escape")));
  }

  @Test
  void artifactsAreCopiedRecursivelyAndFilesToTheirPath() throws Exception {
    String exp = store.getOrCreateExperiment("e");
    String run = store.startRun(exp, "r", null, Map.of());
    Path model = tmp.resolve("model");
    Files.createDirectories(model.resolve("sparkml/stages/0_gbt/data"));
    Files.writeString(model.resolve("MLmodel"), "flavors: {}\n");
    Files.writeString(model.resolve("sparkml/stages/0_gbt/data/part-0"), "trees");
    String uri = store.logArtifacts(run, model, "model");
    Path artifacts = root.resolve(exp).resolve(run).resolve("artifacts");
    assertEquals(rootUri() + "/" + exp + "/" + run + "/artifacts/model", uri);
    assertEquals("flavors: {}\n", Files.readString(artifacts.resolve("model/MLmodel")));
    assertEquals("trees", Files.readString(artifacts.resolve("model/sparkml/stages/0_gbt/data/part-0")));

    Path report = tmp.resolve("drift.html");
    Files.writeString(report, "<html/>", StandardCharsets.UTF_8);
    assertEquals(
        rootUri() + "/" + exp + "/" + run + "/artifacts/reports/drift.html",
        store.logArtifacts(run, report, "reports/drift.html"));
    assertEquals("<html/>", Files.readString(artifacts.resolve("reports/drift.html")));
    assertEquals(
        rootUri() + "/" + exp + "/" + run + "/artifacts/drift.html", store.logArtifacts(run, report, null));
    assertTrue(Files.isRegularFile(artifacts.resolve("drift.html")));
    assertThrows(IllegalArgumentException.class, () -> store.logArtifacts(run, report, "../x"));
    TrackingException missing =
        assertThrows(TrackingException.class, () -> store.logArtifacts(run, tmp.resolve("nope"), "x"));
    assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
  }

  @Test
  void artifactsDownloadAndDelete() throws Exception {
    String exp = store.getOrCreateExperiment("e");
    String run = store.startRun(exp, "r", null, Map.of());
    Path model = tmp.resolve("model");
    Files.createDirectories(model.resolve("sparkml/metadata"));
    Files.writeString(model.resolve("MLmodel"), "flavors: {}\n");
    Files.writeString(model.resolve("sparkml/metadata/part-00000"), "{}");
    store.logArtifacts(run, model, "model");
    store.logArtifacts(run, model.resolve("MLmodel"), "notes/MLmodel");

    Path copy = tmp.resolve("copy");
    store.downloadArtifacts(run, "model", copy);
    assertEquals("flavors: {}\n", Files.readString(copy.resolve("MLmodel")));
    assertEquals("{}", Files.readString(copy.resolve("sparkml/metadata/part-00000")));
    store.downloadArtifacts(run, "notes/MLmodel", tmp.resolve("one"));
    assertEquals("flavors: {}\n", Files.readString(tmp.resolve("one/MLmodel")));

    Path artifacts = root.resolve(exp).resolve(run).resolve("artifacts");
    store.deleteArtifacts(run, "model");
    assertFalse(Files.exists(artifacts.resolve("model")));
    assertTrue(Files.isRegularFile(artifacts.resolve("notes/MLmodel")));
    store.deleteArtifacts(run, "model");
    TrackingException gone = assertThrows(TrackingException.class, () -> store.downloadArtifacts(run, "model", copy));
    assertTrue(gone.getMessage().contains(run) && gone.getMessage().contains("'model'"), gone.getMessage());
    assertThrows(TrackingException.class, () -> store.deleteArtifacts(run, ""));
  }

  @Test
  void unknownRunsFailWithTheRunIdInTheMessage() {
    String missing = "0123456789abcdef0123456789abcdef";
    TrackingException e = assertThrows(TrackingException.class, () -> store.endRun(missing, RunStatus.FINISHED));
    assertTrue(e.getMessage().contains(missing), e.getMessage());
    assertThrows(TrackingException.class, () -> store.startRun("999", "r", null, Map.of()));
    assertThrows(TrackingException.class, () -> store.startRun("0", "r", missing, Map.of()));
  }

  @Test
  void stringsThatLookLikeOtherYamlTypesStayStrings() throws Exception {
    String exp = store.getOrCreateExperiment("2024-01-01");
    String run = store.startRun(exp, "on", null, Map.of());
    assertEquals("2024-01-01", yaml(root.resolve(exp).resolve("meta.yaml")).get("name"));
    assertEquals(exp, store.getOrCreateExperiment("2024-01-01"));
    Map<String, Object> meta = yaml(root.resolve(exp).resolve(run).resolve("meta.yaml"));
    assertEquals("on", meta.get("run_name"));
    assertTrue(Files.readString(root.resolve(exp).resolve(run).resolve("meta.yaml")).contains("run_name: \"on\"\n"));
  }

  @Test
  void runIdsListEveryActiveRunOldestFirstAndChildRunIdsOnlyAParentsCandidates() {
    String exp = store.getOrCreateExperiment("e");
    clock.set(T0 + 100);
    String parent = store.startRun(exp, "training", null, Map.of());
    clock.set(T0 + 300);
    String second = store.startRun(exp, "har_linear", parent, Map.of());
    clock.set(T0 + 200);
    String first = store.startRun(exp, "persistence", parent, Map.of());
    clock.set(T0 + 400);
    String otherParent = store.startRun(exp, "another training", null, Map.of());
    String otherChild = store.startRun(exp, "persistence", otherParent, Map.of());
    String elsewhere = store.startRun(store.getOrCreateExperiment("f"), "x", null, Map.of());

    assertEquals(List.of(first, second), store.childRunIds(parent));
    assertEquals(List.of(otherChild), store.childRunIds(otherParent));
    assertEquals(List.of(), store.childRunIds(first));
    List<String> all = store.runIds();
    assertEquals(6, all.size(), all.toString());
    assertEquals(List.of(parent, first, second), all.subList(0, 3));
    // the last three started at the same millisecond, in two experiments: ordered by id
    assertEquals(java.util.stream.Stream.of(otherParent, otherChild, elsewhere).sorted().toList(), all.subList(3, 6));
    assertThrows(TrackingException.class, () -> store.childRunIds("0123456789abcdef0123456789abcdef"));
  }
}
