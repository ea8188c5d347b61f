package io.coinlake.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coinlake.cli.CoinlakeMain;
import io.coinlake.testing.FakeMlflowServer;
import io.coinlake.testing.FakeMlflowStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code coinlake mlflow publish}: a local file store replayed into a tracking server, twice. */
class MlflowRestPublishTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final String MODEL = "coinlake-volatility";

  @TempDir Path tmp;
  private FakeMlflowServer server;
  private FileStoreBackend local;
  private MutableClock clock;
  private String parent;
  private String child;
  private String broken;

  @BeforeEach
  void setUp() throws Exception {
    server = FakeMlflowServer.start();
    clock = new MutableClock(T0);
    local = new FileStoreBackend(tmp.resolve("mlruns"), clock);
    String exp = local.getOrCreateExperiment("coinlake-volatility");
    parent = local.startRun(exp, "volatility-all", null, Map.of("coinlake.task", "volatility"));
    clock.set(T0 + 5);
    child = local.startRun(exp, "gbt", parent, Map.of("coinlake.baseline", "false"));
    local.logParams(child, Map.of("max_depth", "5", "step_size", "0.1"));
    clock.set(T0 + 10);
    local.logMetric(child, "qlike", 0.9, 0);
    clock.set(T0 + 20);
    local.logMetric(child, "qlike", 0.8, 1);
    clock.set(T0 + 30);
    local.endRun(child, RunStatus.FINISHED);
    local.logParams(parent, Map.of("horizon", "7"));
    local.logMetric(parent, "cv_qlike", 0.85, 0);
    Path model = Files.createDirectories(tmp.resolve("staged/model/sparkml/metadata"));
    Files.writeString(model.resolve("part-00000"), "{\"class\":\"org.apache.spark.ml.PipelineModel\"}");
    Files.writeString(tmp.resolve("staged/model/MLmodel"), "run_id: " + parent + "\n");
    String source = local.logArtifacts(parent, tmp.resolve("staged/model"), "model");
    local.setTags(parent, Map.of(MlflowTags.LOGGED_MODELS, "[{\"run_id\": \"" + parent + "\", \"artifact_path\": \"model\"}]"));
    clock.set(T0 + 50);
    local.endRun(parent, RunStatus.FINISHED);
    clock.set(T0 + 60);
    broken = local.startRun(exp, "broken", null, Map.of());
    clock.set(T0 + 61);
    local.endRun(broken, RunStatus.FAILED);
    local.createVersion(MODEL, source, parent);
    local.setVersionTag(MODEL, 1, "coinlake.note", "first");
    local.createVersion(MODEL, source, parent);
    local.setAlias(MODEL, "challenger", 1);
    local.setAlias(MODEL, "champion", 2);
  }

  @AfterEach
  void tearDown() {
    assertEquals(List.of(), server.violations(), "every request must follow MLflow's REST API");
    server.close();
  }

  private MlflowPublisher.Report publish(List<String> log) {
    MlflowRestBackend target = RestBackends.connect(server, new MutableClock(T0 + 1_000_000), new RecordingSleeper());
    return new MlflowPublisher(local, target, log::add).publish();
  }

  @Test
  void runsMetricsArtifactsVersionsAndAliasesArriveAsTheyWere() {
    List<String> log = new ArrayList<>();
    assertEquals(new MlflowPublisher.Report(3, 0, 2, 0, 2), publish(log));
    FakeMlflowStore store = server.store();
    assertEquals("coinlake-volatility", store.experiments().get(1).name());
    List<FakeMlflowStore.Run> runs = store.runs();
    assertEquals(List.of("volatility-all", "gbt", "broken"), runs.stream().map(r -> r.name).toList(), "parents first");
    FakeMlflowStore.Run p = runs.get(0);
    FakeMlflowStore.Run c = runs.get(1);
    FakeMlflowStore.Run b = runs.get(2);
    assertEquals(List.of(T0, T0 + 5, T0 + 60), runs.stream().map(r -> r.start).toList());
    assertEquals(List.of(T0 + 50, T0 + 30, T0 + 61), runs.stream().map(r -> r.end).toList());
    assertEquals(List.of("FINISHED", "FINISHED", "FAILED"), runs.stream().map(r -> r.status).toList());
    assertEquals(p.id, c.tags.get(MlflowTags.PARENT_RUN_ID));
    assertEquals(List.of(parent, child, broken), runs.stream().map(r -> r.tags.get(MlflowPublisher.PUBLISHED_FROM)).toList());
    assertEquals("volatility", p.tags.get("coinlake.task"));
    assertEquals("false", c.tags.get("coinlake.baseline"));
    assertEquals(System.getProperty("user.name"), c.user);
    assertEquals("[{\"run_id\": \"" + p.id + "\", \"artifact_path\": \"model\"}]", p.tags.get(MlflowTags.LOGGED_MODELS));
    assertEquals(Map.of("max_depth", "5", "step_size", "0.1"), c.params);
    assertEquals(List.of("[1.70000000001E12, 0.9, 0.0]", "[1.70000000002E12, 0.8, 1.0]"),
        c.metrics.get("qlike").stream().map(java.util.Arrays::toString).toList(), "timestamp, value, step as logged");
    assertEquals("run_id: " + parent + "\n", new String(store.artifacts().get("1/" + p.id + "/artifacts/model/MLmodel"),
        StandardCharsets.UTF_8));
    assertTrue(store.artifacts().containsKey("1/" + p.id + "/artifacts/model/sparkml/metadata/part-00000"));

    FakeMlflowStore.Model model = store.model(MODEL);
    assertEquals(List.of("mlflow-artifacts:/1/" + p.id + "/artifacts/model", "mlflow-artifacts:/1/" + p.id + "/artifacts/model"),
        model.versions.stream().map(v -> v.source).toList());
    assertEquals(List.of(p.id, p.id), model.versions.stream().map(v -> v.runId).toList());
    assertEquals(Map.of("coinlake.note", "first", MlflowPublisher.PUBLISHED_FROM, parent + "/v1"), model.versions.get(0).tags);
    assertEquals(Map.of("challenger", 1, "champion", 2), model.aliases);
    assertTrue(log.contains("alias " + MODEL + "@champion -> version 2"), log.toString());
  }

  @Test
  void publishingAgainCreatesNothing() {
    publish(new ArrayList<>());
    server.clearCalls();
    assertEquals(new MlflowPublisher.Report(0, 3, 0, 2, 0), publish(new ArrayList<>()));
    assertEquals(3, server.store().runs().size());
    assertEquals(2, server.store().model(MODEL).versions.size());
    List<String> lines = server.lines();
    assertEquals(3, lines.stream().filter(l -> l.equals("POST /mlflow/runs/search")).count());
    assertTrue(lines.stream().noneMatch(l -> l.startsWith("PUT ") || l.equals("POST /mlflow/runs/create")
        || l.equals("POST /mlflow/model-versions/create") || l.equals("POST /mlflow/registered-models/alias")
        || l.equals("POST /mlflow/runs/log-batch")), lines.toString());
    assertEquals("{\"experiment_ids\":[\"1\"],\"filter\":\"tags.`coinlake.published_from` = '" + parent + "'\","
        + "\"run_view_type\":\"ACTIVE_ONLY\",\"max_results\":1}",
        server.calls().stream().filter(c -> c.line().equals("POST /mlflow/runs/search")).findFirst().orElseThrow().json().toString());
  }

  @Test
  void aNewRunIsPublishedNextTimeAndTheMovedAliasFollows() {
    publish(new ArrayList<>());
    String exp = local.getOrCreateExperiment("coinlake-volatility");
    clock.set(T0 + 100);
    String later = local.startRun(exp, "volatility-2021-07-06", null, Map.of());
    local.endRun(later, RunStatus.FINISHED);
    local.createVersion(MODEL, local.artifactUri(later) + "/model", later);
    local.setAlias(MODEL, "champion", 3);
    assertEquals(new MlflowPublisher.Report(1, 3, 1, 2, 1), publish(new ArrayList<>()));
    FakeMlflowStore.Model model = server.store().model(MODEL);
    assertEquals(3, model.versions.size());
    assertEquals(Map.of("challenger", 1, "champion", 3), model.aliases);
  }

  @Test
  void anAliasOnAVersionTheServersUsersMadeIsLeftAlone() {
    MlflowRestBackend remote = RestBackends.connect(server, new MutableClock(T0 + 500_000), new RecordingSleeper());
    String exp = remote.getOrCreateExperiment("team");
    String theirs = remote.startRun(exp, "their-training", null, Map.of());
    remote.endRun(theirs, RunStatus.FINISHED);
    remote.createVersion(MODEL, remote.artifactUri(theirs) + "/model", theirs);
    remote.setAlias(MODEL, "champion", 1);
    List<String> log = new ArrayList<>();
    MlflowPublisher.Report report = publish(log);
    assertEquals(2, report.versionsPublished());
    FakeMlflowStore.Model model = server.store().model(MODEL);
    assertEquals(Map.of("challenger", 2, "champion", 1), model.aliases, "challenger was absent there; champion is the team's");
    assertTrue(log.contains("alias " + MODEL + "@champion left at the server's version 1 (not published from here); the local one"
        + " is version 3 there: ./coinlake model promote --version 3 moves it"), log.toString());
  }

  @Test
  void theCliPublishesTheFileStore() {
    assertEquals(0, CoinlakeMain.execute("mlflow", "publish", "--to", server.uri(), "--from", tmp.resolve("mlruns").toString()));
    assertEquals(3, server.store().runs().size());
    assertEquals(0, CoinlakeMain.execute("mlflow", "publish", "--to", server.uri(), "--from", tmp.resolve("mlruns").toString()));
    assertEquals(3, server.store().runs().size());
    assertEquals(2, CoinlakeMain.execute("mlflow", "publish", "--to", tmp.toString(), "--from", tmp.resolve("mlruns").toString()));
    assertEquals(2, CoinlakeMain.execute("mlflow", "publish", "--to", server.uri(), "--from", tmp.resolve("none").toString()));
  }
}
