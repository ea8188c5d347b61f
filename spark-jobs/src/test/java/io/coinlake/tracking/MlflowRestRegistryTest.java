package io.coinlake.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coinlake.testing.FakeMlflowServer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The model registry of the REST backend: MLflow's registered-models and model-versions endpoints. */
class MlflowRestRegistryTest {
  private static final String MODEL = "coinlake-volatility";

  private FakeMlflowServer server;
  private MlflowRestBackend backend;
  private String runId;
  private String source;

  @BeforeEach
  void setUp() throws Exception {
    server = FakeMlflowServer.start();
    backend = RestBackends.connect(server, new MutableClock(1_700_000_000_000L), new RecordingSleeper());
    runId = backend.startRun(backend.getOrCreateExperiment("e"), "r", null, Map.of());
    source = backend.artifactUri(runId) + "/model";
    server.clearCalls();
  }

  @AfterEach
  void tearDown() {
    assertEquals(List.of(), server.violations(), "every request must follow MLflow's REST API");
    server.close();
  }

  @Test
  void createVersionCreatesTheModelOnceThenNumbersVersions() {
    ModelVersion v1 = backend.createVersion(MODEL, source, runId);
    ModelVersion v2 = backend.createVersion(MODEL, source, runId);
    assertEquals(new ModelVersion(MODEL, 1, source, runId, v1.creationTimestamp()), v1);
    assertEquals(2, v2.version());
    assertEquals(List.of(
        "POST /mlflow/registered-models/create", "POST /mlflow/model-versions/create",
        "POST /mlflow/registered-models/create", "POST /mlflow/model-versions/create"), server.lines());
    assertEquals("{\"name\":\"" + MODEL + "\",\"source\":\"mlflow-artifacts:/1/" + runId + "/artifacts/model\",\"run_id\":\"" + runId + "\"}",
        server.calls().get(1).json().toString());
    assertEquals(2, server.store().model(MODEL).versions.size());
  }

  @Test
  void aliasesAreSetReadAndMoved() {
    backend.createVersion(MODEL, source, runId);
    backend.createVersion(MODEL, source, runId);
    assertEquals(Optional.empty(), backend.getByAlias(MODEL, "champion"), "no alias yet");
    server.clearCalls();
    backend.setAlias(MODEL, "champion", 1);
    assertEquals("{\"name\":\"" + MODEL + "\",\"alias\":\"champion\",\"version\":\"1\"}", server.calls().get(0).json().toString());
    assertEquals(1, backend.getByAlias(MODEL, "champion").orElseThrow().version());
    backend.setAlias(MODEL, "champion", 2);
    backend.setAlias(MODEL, "challenger", 1);
    ModelVersion champion = backend.getByAlias(MODEL, "champion").orElseThrow();
    assertEquals(2, champion.version());
    assertEquals(runId, champion.runId());
    assertEquals(source, champion.source());
    assertEquals(Map.of("challenger", 1, "champion", 2), backend.aliases(MODEL));
    assertEquals(List.of("challenger", "champion"), List.copyOf(backend.aliases(MODEL).keySet()), "sorted by alias");
    assertEquals(Map.of("name", List.of(MODEL), "alias", List.of("champion")), server.calls().get(1).query());
    assertEquals("GET /mlflow/registered-models/alias", server.calls().get(1).line());
  }

  @Test
  void aMissingModelOrVersionIsEmptyNotAnError() {
    assertEquals(Optional.empty(), backend.getByAlias("nope", "champion"));
    assertEquals(Optional.empty(), backend.getVersion("nope", 1));
    assertEquals(List.of(), backend.listVersions("nope"));
    assertEquals(Map.of(), backend.aliases("nope"));
    assertEquals(Map.of(), backend.versionTags("nope", 1));
    backend.createVersion(MODEL, source, runId);
    assertEquals(Optional.empty(), backend.getVersion(MODEL, 7));
    assertEquals(1, backend.getVersion(MODEL, 1).orElseThrow().version());
  }

  @Test
  void listVersionsSearchesByNameAndPagesOldestFirst() {
    for (int i = 0; i < 3; i++) {
      backend.createVersion(MODEL, source, runId);
    }
    backend.createVersion("other", source, runId);
    server.clearCalls();
    List<ModelVersion> versions = backend.listVersions(MODEL);
    assertEquals(List.of(1, 2, 3), versions.stream().map(ModelVersion::version).toList());
    assertEquals("GET /mlflow/model-versions/search", server.calls().get(0).line());
    assertEquals(List.of("name='" + MODEL + "'"), server.calls().get(0).query().get("filter"));
    assertEquals(List.of("\"it's\""), List.of(RestRegistry.quote("it's")));
  }

  @Test
  void listModelsFollowsPageTokensAndSorts() {
    for (String name : List.of("zeta", "alpha", "mid", "beta", "omega")) {
      backend.createVersion(name, source, runId);
    }
    server.store().pageCap(2);
    server.clearCalls();
    assertEquals(List.of("alpha", "beta", "mid", "omega", "zeta"), backend.listModels());
    assertEquals(3, server.calls().size(), "pages of 2, 2 and 1");
    assertEquals(List.of("1000"), server.calls().get(0).query().get("max_results"));
    assertEquals(List.of("2"), server.calls().get(1).query().get("page_token"));
    assertEquals(List.of("4"), server.calls().get(2).query().get("page_token"));
  }

  @Test
  void listVersionsFollowsPageTokens() {
    for (int i = 0; i < 5; i++) {
      backend.createVersion(MODEL, source, runId);
    }
    server.store().pageCap(2);
    server.clearCalls();
    assertEquals(List.of(1, 2, 3, 4, 5), backend.listVersions(MODEL).stream().map(ModelVersion::version).toList());
    assertEquals(3, server.calls().size());
  }

  @Test
  void versionTagsAreSetAndRead() {
    backend.createVersion(MODEL, source, runId);
    server.clearCalls();
    backend.setVersionTag(MODEL, 1, "coinlake.artifacts_deleted", "true");
    assertEquals("POST /mlflow/model-versions/set-tag", server.calls().get(0).line());
    assertEquals("{\"name\":\"" + MODEL + "\",\"version\":\"1\",\"key\":\"coinlake.artifacts_deleted\",\"value\":\"true\"}",
        server.calls().get(0).json().toString());
    assertEquals(Map.of("coinlake.artifacts_deleted", "true"), backend.versionTags(MODEL, 1));
  }

  @Test
  void aliasOnAMissingVersionIsAOneLineError() {
    backend.createVersion(MODEL, source, runId);
    TrackingException e = assertThrows(TrackingException.class, () -> backend.setAlias(MODEL, "champion", 9));
    assertTrue(e.getMessage().startsWith("MLflow POST /api/2.0/mlflow/registered-models/alias failed with HTTP 404"
        + " RESOURCE_DOES_NOT_EXIST: Model Version (name=" + MODEL + ", version=9) not found"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> backend.setAlias(MODEL, "latest", 1), "reserved alias, checked locally");
  }
}
