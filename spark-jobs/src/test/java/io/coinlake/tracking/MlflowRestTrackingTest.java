package io.coinlake.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.coinlake.testing.FakeMlflowServer;
import io.coinlake.testing.FakeMlflowStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tracking calls of the REST backend against a server that checks them against MLflow's API. */
class MlflowRestTrackingTest {
  private static final long T0 = 1_700_000_000_000L;

  private FakeMlflowServer server;
  private MutableClock clock;
  private RecordingSleeper sleeper;
  private MlflowRestBackend backend;

  @BeforeEach
  void setUp() throws Exception {
    server = FakeMlflowServer.start();
    clock = new MutableClock(T0);
    sleeper = new RecordingSleeper();
    backend = RestBackends.connect(server, clock, sleeper);
  }

  @AfterEach
  void tearDown() {
    assertEquals(List.of(), server.violations(), "every request must follow MLflow's REST API");
    server.close();
  }

  @Test
  void getOrCreateExperimentLooksUpByNameThenCreatesOnce() {
    String id = backend.getOrCreateExperiment("coinlake-volatility");
    assertEquals("1", id);
    assertEquals(id, backend.getOrCreateExperiment("coinlake-volatility"));
    assertEquals(List.of(
        "GET /mlflow/experiments/get-by-name",
        "POST /mlflow/experiments/create",
        "GET /mlflow/experiments/get-by-name"), server.lines());
    assertEquals(Map.of("experiment_name", List.of("coinlake-volatility")), server.calls().get(0).query());
    assertEquals("{\"name\":\"coinlake-volatility\"}", server.calls().get(1).json().toString());
    assertEquals("coinlake-volatility", server.store().experiments().get(1).name());
  }

  @Test
  void startRunSendsNameStartTimeAndTagsWithParentLink() {
    String exp = backend.getOrCreateExperiment("e");
    String parent = backend.startRun(exp, "volatility-all", null, Map.of("coinlake.task", "volatility"));
    clock.set(T0 + 5);
    String child = backend.startRun(exp, "gbt", parent, Map.of("coinlake.baseline", "false"));

    JsonNode body = server.calls().get(server.calls().size() - 1).json();
    assertEquals(exp, body.get("experiment_id").asText());
    assertEquals("gbt", body.get("run_name").asText());
    assertEquals(T0 + 5, body.get("start_time").asLong());
    assertTrue(body.get("start_time").isIntegralNumber());
    Map<String, String> sent = new LinkedHashMap<>();
    body.get("tags").forEach(t -> sent.put(t.get("key").asText(), t.get("value").asText()));
    assertEquals(parent, sent.get("mlflow.parentRunId"));
    assertEquals("gbt", sent.get("mlflow.runName"));
    assertEquals("LOCAL", sent.get("mlflow.source.type"));
    assertEquals("false", sent.get("coinlake.baseline"));
    assertEquals(System.getProperty("user.name"), sent.get("mlflow.user"));

    FakeMlflowStore.Run stored = server.store().run(child);
    assertEquals("gbt", stored.name);
    assertEquals("RUNNING", stored.status);
    assertEquals(parent, stored.tags.get("mlflow.parentRunId"));
    assertEquals("mlflow-artifacts:/1/" + child + "/artifacts", backend.artifactUri(child));
    assertEquals(32, child.length());
  }

  @Test
  void paramsMetricsAndTagsGoThroughLogBatch() {
    String run = backend.startRun(backend.getOrCreateExperiment("e"), "r", null, Map.of());
    server.clearCalls();
    Map<String, String> params = new LinkedHashMap<>();
    params.put("horizon", "7");
    params.put("selected_model", "gbt");
    backend.logParams(run, params);
    clock.set(T0 + 100);
    backend.logMetric(run, "qlike", 0.9595, 2);
    clock.set(T0 + 200);
    backend.logMetric(run, "qlike", 0.95, 3);
    backend.logMetric(run, "nan_metric", Double.NaN, 0);
    backend.setTags(run, Map.of("coinlake.registered_version", "3"));

    assertEquals(List.of("POST /mlflow/runs/log-batch", "POST /mlflow/runs/log-batch", "POST /mlflow/runs/log-batch",
        "POST /mlflow/runs/log-batch", "POST /mlflow/runs/log-batch"), server.lines());
    assertEquals("{\"run_id\":\"" + run + "\",\"params\":[{\"key\":\"horizon\",\"value\":\"7\"},{\"key\":\"selected_model\",\"value\":\"gbt\"}]}",
        server.calls().get(0).json().toString());
    assertEquals("{\"run_id\":\"" + run + "\",\"metrics\":[{\"key\":\"qlike\",\"value\":0.9595,\"timestamp\":1700000000100,\"step\":2}]}",
        server.calls().get(1).json().toString());
    assertEquals("{\"run_id\":\"" + run + "\",\"tags\":[{\"key\":\"coinlake.registered_version\",\"value\":\"3\"}]}",
        server.calls().get(4).json().toString());

    assertEquals(List.of(new MetricPoint(T0 + 100, 0.9595, 2), new MetricPoint(T0 + 200, 0.95, 3)), backend.metricHistory(run, "qlike"));
    assertTrue(Double.isNaN(backend.metricHistory(run, "nan_metric").get(0).value()));
    assertEquals(Map.of("horizon", "7", "selected_model", "gbt"), backend.params(run));
    assertEquals("3", backend.tags(run).get("coinlake.registered_version"));
    assertEquals("r", backend.tags(run).get("mlflow.runName"));
  }

  @Test
  void manyParamsAreSplitIntoBatchesOfAHundred() {
    String run = backend.startRun(backend.getOrCreateExperiment("e"), "r", null, Map.of());
    server.clearCalls();
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < 250; i++) {
      params.put("p" + i, Integer.toString(i));
    }
    backend.logParams(run, params);
    assertEquals(3, server.calls().size());
    assertEquals(List.of(100, 100, 50), server.calls().stream().map(c -> c.json().get("params").size()).toList());
    assertEquals(250, server.store().run(run).params.size());
  }

  @Test
  void endRunSetsFinishedOrFailedWithEndTime() {
    String exp = backend.getOrCreateExperiment("e");
    String ok = backend.startRun(exp, "ok", null, Map.of());
    String bad = backend.startRun(exp, "bad", null, Map.of());
    clock.set(T0 + 42);
    backend.endRun(ok, RunStatus.FINISHED);
    backend.endRun(bad, RunStatus.FAILED);
    List<FakeMlflowServer.Call> calls = server.calls();
    assertEquals("POST /mlflow/runs/update", calls.get(calls.size() - 1).line());
    assertEquals("{\"run_id\":\"" + bad + "\",\"status\":\"FAILED\",\"end_time\":1700000000042}", calls.get(calls.size() - 1).json().toString());
    assertEquals("FINISHED", server.store().run(ok).status);
    assertEquals("FAILED", server.store().run(bad).status);
    assertEquals(T0 + 42, server.store().run(bad).end);
  }

  @Test
  void changingAParamIsAOneLineErrorNamingTheEndpoint() {
    String run = backend.startRun(backend.getOrCreateExperiment("e"), "r", null, Map.of());
    backend.logParams(run, Map.of("horizon", "7"));
    TrackingException e = assertThrows(TrackingException.class, () -> backend.logParams(run, Map.of("horizon", "14")));
    assertEquals("MLflow POST /api/2.0/mlflow/runs/log-batch failed with HTTP 400 INVALID_PARAMETER_VALUE: Changing param values"
        + " is not allowed. Param with key='horizon' was already logged with value='7' for run ID='" + run
        + "'. Attempted logging new value '14'.; the server rejected the request, so retrying will not help: fix what the"
        + " message names", e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
    assertEquals(List.of(), sleeper.sleeps, "a 400 is not retried");
  }

  @Test
  void unknownRunIsANamedError() {
    TrackingException e = assertThrows(TrackingException.class, () -> backend.params("0123456789abcdef0123456789abcdef"));
    assertTrue(e.getMessage().startsWith("Run '0123456789abcdef0123456789abcdef' not found on the tracking server"), e.getMessage());
  }

  @Test
  void runNameConflictingWithTheTagIsRejectedBeforeAnyCall() {
    String exp = backend.getOrCreateExperiment("e");
    server.clearCalls();
    assertThrows(IllegalArgumentException.class, () -> backend.startRun(exp, "a", null, Map.of("mlflow.runName", "b")));
    assertEquals(List.of(), server.lines());
    assertNull(server.store().runs().stream().filter(r -> r.name.equals("a")).findFirst().orElse(null));
  }
}
