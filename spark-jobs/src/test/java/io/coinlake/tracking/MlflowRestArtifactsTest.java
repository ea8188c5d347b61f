package io.coinlake.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coinlake.config.HttpConfig;
import io.coinlake.testing.FakeMlflowServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Artifacts of the REST backend: the artifact proxy's PUT/GET/DELETE paths, folders, and local roots. */
class MlflowRestArtifactsTest {
  @TempDir Path tmp;
  private FakeMlflowServer server;
  private MlflowRestBackend backend;
  private String runId;
  private String proxyRoot;

  @BeforeEach
  void setUp() throws Exception {
    server = FakeMlflowServer.start();
    backend = RestBackends.connect(server, new MutableClock(1_700_000_000_000L), new RecordingSleeper());
    runId = backend.startRun(backend.getOrCreateExperiment("e"), "r", null, Map.of());
    proxyRoot = "/api/2.0/mlflow-artifacts/artifacts/1/" + runId + "/artifacts";
    server.clearCalls();
  }

  @AfterEach
  void tearDown() {
    assertEquals(List.of(), server.violations(), "every request must follow MLflow's REST API");
    server.close();
  }

  private Path modelDir() throws Exception {
    Path model = tmp.resolve("staged/model");
    Files.createDirectories(model.resolve("sparkml/metadata"));
    Files.writeString(model.resolve("MLmodel"), "flavors:\n  spark: {}\n");
    Files.writeString(model.resolve("sparkml/metadata/part-00000"), "{\"class\":\"org.apache.spark.ml.PipelineModel\"}");
    Files.writeString(model.resolve("sparkml/metadata/_SUCCESS"), "");
    return model;
  }

  @Test
  void aFolderIsUploadedFileByFileWithPutAtTheRunsProxyPath() throws Exception {
    String uri = backend.logArtifacts(runId, modelDir(), "model");
    assertEquals("mlflow-artifacts:/1/" + runId + "/artifacts/model", uri);
    List<String> puts = server.calls().stream().map(c -> c.method() + " " + c.path()).toList();
    assertEquals(List.of(
        "PUT " + proxyRoot + "/model/MLmodel",
        "PUT " + proxyRoot + "/model/sparkml/metadata/_SUCCESS",
        "PUT " + proxyRoot + "/model/sparkml/metadata/part-00000"), puts);
    assertEquals("flavors:\n  spark: {}\n", new String(server.store().artifacts().get("1/" + runId + "/artifacts/model/MLmodel"),
        StandardCharsets.UTF_8));
    assertEquals(0, server.store().artifacts().get("1/" + runId + "/artifacts/model/sparkml/metadata/_SUCCESS").length);
  }

  @Test
  void aFileGoesToTheGivenPathOrKeepsItsName() throws Exception {
    Path report = Files.writeString(tmp.resolve("drift.html"), "<html></html>");
    assertEquals("mlflow-artifacts:/1/" + runId + "/artifacts/reports/drift.html", backend.logArtifacts(runId, report, "reports/drift.html"));
    assertEquals("mlflow-artifacts:/1/" + runId + "/artifacts/drift.html", backend.logArtifacts(runId, report, null));
    assertEquals(List.of("PUT " + proxyRoot + "/reports/drift.html", "PUT " + proxyRoot + "/drift.html"),
        server.calls().stream().map(c -> c.method() + " " + c.path()).toList());
    assertEquals("text/html", server.calls().get(0).contentType());
    assertThrows(IllegalArgumentException.class, () -> backend.logArtifacts(runId, report, "../escape.html"));
  }

  @Test
  void aFolderDownloadListsRecursivelyAndGetsEachFile() throws Exception {
    backend.logArtifacts(runId, modelDir(), "model");
    server.clearCalls();
    Path local = tmp.resolve("download");
    backend.downloadArtifacts(runId, "model", local);
    assertEquals("flavors:\n  spark: {}\n", Files.readString(local.resolve("MLmodel")));
    assertEquals("{\"class\":\"org.apache.spark.ml.PipelineModel\"}", Files.readString(local.resolve("sparkml/metadata/part-00000")));
    assertTrue(Files.isRegularFile(local.resolve("sparkml/metadata/_SUCCESS")));
    List<FakeMlflowServer.Call> calls = server.calls();
    assertEquals("GET /api/2.0/mlflow-artifacts/artifacts", calls.get(0).method() + " " + calls.get(0).path());
    assertEquals(Map.of("path", List.of("1/" + runId + "/artifacts/model")), calls.get(0).query());
    assertEquals(Set.of(
        "GET /api/2.0/mlflow-artifacts/artifacts?path=1/" + runId + "/artifacts/model",
        "GET " + proxyRoot + "/model/MLmodel",
        "GET /api/2.0/mlflow-artifacts/artifacts?path=1/" + runId + "/artifacts/model/sparkml",
        "GET /api/2.0/mlflow-artifacts/artifacts?path=1/" + runId + "/artifacts/model/sparkml/metadata",
        "GET " + proxyRoot + "/model/sparkml/metadata/_SUCCESS",
        "GET " + proxyRoot + "/model/sparkml/metadata/part-00000"),
        Set.copyOf(calls.stream().map(c -> c.method() + " " + c.path() + (c.query().isEmpty() ? "" : "?path=" + c.query().get("path").get(0)))
            .toList()));
    assertEquals(6, calls.size());
  }

  @Test
  void aSingleFileDownloadsUnderItsNameAndAMissingOneIsAnError() throws Exception {
    Path report = Files.writeString(tmp.resolve("drift.html"), "<html></html>");
    backend.logArtifacts(runId, report, "reports/drift.html");
    Path local = tmp.resolve("one");
    backend.downloadArtifacts(runId, "reports/drift.html", local);
    assertEquals("<html></html>", Files.readString(local.resolve("drift.html")));
    server.clearCalls();
    TrackingException e = assertThrows(TrackingException.class, () -> backend.downloadArtifacts(runId, "reports/none.html", local));
    assertEquals("Run " + runId + " has no artifact 'reports/none.html' (looked in mlflow-artifacts:/1/" + runId
        + "/artifacts/reports/none.html).", e.getMessage());
    assertEquals(List.of("GET /mlflow-artifacts/artifacts", "GET /mlflow-artifacts/artifacts"), server.lines(),
        "found missing by listing, never a GET of the file, which the real proxy answers with a 500");
    assertEquals(List.of("1/" + runId + "/artifacts/reports"), server.calls().get(1).query().get("path"));
  }

  @Test
  void deleteRemovesAFolderWithOneDeleteAtItsPath() throws Exception {
    backend.logArtifacts(runId, modelDir(), "model");
    Path report = Files.writeString(tmp.resolve("drift.html"), "<html></html>");
    backend.logArtifacts(runId, report, "reports/drift.html");
    server.clearCalls();
    backend.deleteArtifacts(runId, "model");
    assertEquals(List.of("DELETE " + proxyRoot + "/model"), server.calls().stream().map(c -> c.method() + " " + c.path()).toList());
    assertEquals(Set.of("1/" + runId + "/artifacts/reports/drift.html"), server.store().artifacts().keySet());
    assertThrows(TrackingException.class, () -> backend.deleteArtifacts(runId, ""), "never the whole root");
  }

  @Test
  void proxyUrlsAreResolvedFromTheArtifactUriAsMlflowDoes() {
    // the cases of MLflow's own test_mlflow_artifact_uri_formats_resolved, with tracking URI http://localhost:5000/
    MlflowHttpClient http = new MlflowHttpClient("http://localhost:5000/", "test", MlflowCredentials.fromEnv(Map.of()),
        new HttpConfig(1, 1, 1, 0, 0, 0, 0), java.time.Clock.systemUTC(), d -> {}, () -> 0);
    String base = "/api/2.0/mlflow-artifacts/artifacts";
    String path = "/my/artifact/path";
    assertEquals("http://myhostname:4242" + base + path + "/hostport",
        new ProxiedArtifacts(http, "mlflow-artifacts://myhostname:4242" + path + "/hostport").fileUrl("").toString());
    assertEquals("http://myhostname" + base + path + "/host",
        new ProxiedArtifacts(http, "mlflow-artifacts://myhostname" + path + "/host").fileUrl("").toString());
    assertEquals("http://localhost:5000" + base + path + "/nohost",
        new ProxiedArtifacts(http, "mlflow-artifacts:" + path + "/nohost").fileUrl("").toString());
    assertEquals("http://localhost:5000" + base + path + "/redundant",
        new ProxiedArtifacts(http, "mlflow-artifacts://" + path + "/redundant").fileUrl("").toString());
    assertEquals("http://localhost:5000" + base, new ProxiedArtifacts(http, "mlflow-artifacts:/").fileUrl("").toString());
    assertThrows(TrackingException.class, () -> new ProxiedArtifacts(http, "mlflow-artifacts://5000/x"));

    MlflowHttpClient prefixed = new MlflowHttpClient("https://example.com/mlflow", "test", MlflowCredentials.fromEnv(Map.of()),
        new HttpConfig(1, 1, 1, 0, 0, 0, 0), java.time.Clock.systemUTC(), d -> {}, () -> 0);
    assertEquals("https://example.com/mlflow" + base + "/1/abc/artifacts/model/a%20b.txt",
        new ProxiedArtifacts(prefixed, "mlflow-artifacts:/1/abc/artifacts").fileUrl("model/a b.txt").toString());
  }

  @Test
  void aLocalArtifactRootIsWrittenOnThisDisk() throws Exception {
    Path root = tmp.resolve("server-artifacts");
    server.store().artifactRoot(root.toUri().toString());
    String exp = backend.getOrCreateExperiment("local-root");
    String run = backend.startRun(exp, "r", null, Map.of());
    String uri = backend.logArtifacts(run, modelDir(), "model");
    Path written = root.resolve(exp).resolve(run).resolve("artifacts/model/sparkml/metadata/part-00000");
    assertTrue(Files.isRegularFile(written), written.toString());
    assertTrue(uri.endsWith("/" + run + "/artifacts/model"), uri);
    Path local = tmp.resolve("back");
    backend.downloadArtifacts(run, "model", local);
    assertArrayEquals(Files.readAllBytes(written), Files.readAllBytes(local.resolve("sparkml/metadata/part-00000")));
    backend.deleteArtifacts(run, "model");
    assertFalse(Files.exists(root.resolve(exp).resolve(run).resolve("artifacts/model")));
    assertTrue(server.lines().stream().noneMatch(l -> l.contains("mlflow-artifacts")), "no proxy calls for a local root");
  }

  @Test
  void anUnsupportedArtifactSchemeIsAClearError() throws Exception {
    server.store().artifactRoot("gs://bucket/mlflow");
    String run = backend.startRun(backend.getOrCreateExperiment("gcs"), "r", null, Map.of());
    TrackingException e = assertThrows(TrackingException.class, () -> backend.logArtifacts(run, modelDir(), "model"));
    assertTrue(e.getMessage().contains("uses gs, which coinlake cannot write: start the tracking server with --serve-artifacts"),
        e.getMessage());
  }
}
