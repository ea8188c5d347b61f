package io.coinlake.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.coinlake.testing.FakeMlflowServer;
import io.coinlake.testing.MlflowApiSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract the fake server enforces is MLflow's: it knows the documented endpoints and rejects
 * requests that break them, so a client bug cannot pass the other contract tests unnoticed.
 */
class MlflowRestContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final MlflowApiSpec spec = MlflowApiSpec.get();

  @Test
  void theSpecHasMlflowsEndpointsFromTheProtos() {
    assertEquals("POST", spec.find("POST", "/api/2.0/mlflow/runs/log-batch").orElseThrow().method());
    assertEquals("logBatch", spec.find("POST", "/api/2.0/mlflow/runs/log-batch").orElseThrow().name());
    assertEquals("getModelVersionByAlias", spec.find("GET", "/api/2.0/mlflow/registered-models/alias").orElseThrow().name());
    assertEquals("setRegisteredModelAlias", spec.find("POST", "/api/2.0/mlflow/registered-models/alias").orElseThrow().name());
    assertEquals("uploadArtifact", spec.find("PUT", "/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/model/MLmodel").orElseThrow().name());
    assertEquals("listArtifacts", spec.find("GET", "/api/2.0/mlflow-artifacts/artifacts").orElseThrow().name());
    assertTrue(spec.find("GET", "/api/2.0/mlflow/runs/log-batch").isEmpty(), "log-batch is POST only");
    assertTrue(spec.find("POST", "/api/2.0/mlflow/runs/log-params").isEmpty(), "no such endpoint");
  }

  @Test
  void requestsBreakingTheApiAreRejectedAndRecorded() throws Exception {
    var logBatch = spec.find("POST", "/api/2.0/mlflow/runs/log-batch").orElseThrow();
    assertEquals(List.of(), spec.check(logBatch, Map.of(), JSON.readTree(
        "{\"run_id\":\"r\",\"metrics\":[{\"key\":\"m\",\"value\":\"NaN\",\"timestamp\":\"17\",\"step\":1}]}")));
    assertEquals(List.of("POST /api/2.0/mlflow/runs/log-batch: unknown field 'metrics[0].val' (Metric has [key, step, timestamp, value])",
            "POST /api/2.0/mlflow/runs/log-batch: required field 'metrics[].value' is missing"),
        spec.check(logBatch, Map.of(), JSON.readTree("{\"run_id\":\"r\",\"metrics\":[{\"key\":\"m\",\"val\":1,\"timestamp\":17}]}")));
    assertEquals(List.of("POST /api/2.0/mlflow/runs/log-batch: required field 'run_id' is missing"),
        spec.check(logBatch, Map.of(), JSON.readTree("{\"params\":[]}")));

    var setAlias = spec.find("POST", "/api/2.0/mlflow/registered-models/alias").orElseThrow();
    assertEquals(List.of("POST /api/2.0/mlflow/registered-models/alias: 'version' = 3 is not a valid STRING"),
        spec.check(setAlias, Map.of(), JSON.readTree("{\"name\":\"m\",\"alias\":\"champion\",\"version\":3}")));

    var update = spec.find("POST", "/api/2.0/mlflow/runs/update").orElseThrow();
    assertEquals(List.of("POST /api/2.0/mlflow/runs/update: 'status' = \"DONE\" is not a valid ENUM RunStatus"),
        spec.check(update, Map.of(), JSON.readTree("{\"run_id\":\"r\",\"status\":\"DONE\"}")));

    var byName = spec.find("GET", "/api/2.0/mlflow/experiments/get-by-name").orElseThrow();
    assertEquals(List.of("GET /api/2.0/mlflow/experiments/get-by-name query 'name': no such field (known: [experiment_name])",
            "GET /api/2.0/mlflow/experiments/get-by-name: required field 'experiment_name' is missing"),
        spec.check(byName, Map.of("name", List.of("e")), null));
  }

  @Test
  void theFakeServerAnswersABrokenRequestWithMlflowsErrorAndRecordsIt() throws Exception {
    try (FakeMlflowServer server = FakeMlflowServer.start()) {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.uri()
              + "/api/2.0/mlflow/registered-models/create"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"nmae\":\"m\"}")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(400, response.statusCode());
      assertEquals("INVALID_PARAMETER_VALUE", JSON.readTree(response.body()).get("error_code").asText());
      assertEquals(2, server.violations().size(), server.violations().toString());
      assertTrue(server.violations().get(0).contains("unknown field 'nmae'"), server.violations().toString());
      assertTrue(server.violations().get(1).contains("required field 'name' is missing"), server.violations().toString());

      HttpResponse<String> unknown = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.uri()
          + "/api/2.0/mlflow/runs/log-params")).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(404, unknown.statusCode());
      assertEquals("GET /api/2.0/mlflow/runs/log-params: MLflow has no such endpoint", server.violations().get(2));
    }
  }
}
