package io.coinlake.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coinlake.config.ConfigException;
import io.coinlake.testing.FakeMlflowServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retries, backoff, auth headers and error messages of the REST backend's HTTP client. */
class MlflowRestHttpTest {
  private static final String BY_NAME = "/api/2.0/mlflow/experiments/get-by-name";
  private final List<FakeMlflowServer> servers = new ArrayList<>();
  private final MutableClock clock = new MutableClock(1_700_000_000_000L);
  private final RecordingSleeper sleeper = new RecordingSleeper();

  private FakeMlflowServer server() throws IOException {
    FakeMlflowServer server = FakeMlflowServer.start();
    servers.add(server);
    return server;
  }

  @AfterEach
  void tearDown() {
    for (FakeMlflowServer server : servers) {
      assertEquals(List.of(), server.violations(), "every request must follow MLflow's REST API");
      server.close();
    }
  }

  @Test
  void status429And503AreRetriedWithExponentialBackoff() throws Exception {
    FakeMlflowServer server = server();
    server.failNext("GET", BY_NAME, 1, 429, "REQUEST_LIMIT_EXCEEDED", "slow down")
        .failNext("GET", BY_NAME, 1, 503, "TEMPORARILY_UNAVAILABLE", "restarting");
    MlflowRestBackend backend = RestBackends.connect(server, clock, sleeper);
    assertEquals("1", backend.getOrCreateExperiment("e"));
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), sleeper.sleeps);
    assertEquals(List.of("GET /mlflow/experiments/get-by-name", "GET /mlflow/experiments/get-by-name",
        "GET /mlflow/experiments/get-by-name", "POST /mlflow/experiments/create"), server.lines());
  }

  @Test
  void retryAfterReplacesTheBackoff() throws Exception {
    FakeMlflowServer server = server();
    server.failNext("GET", BY_NAME, 1, 429, "REQUEST_LIMIT_EXCEEDED", "slow down", "7");
    RestBackends.connect(server, clock, sleeper).ping("e");
    assertEquals(List.of(Duration.ofSeconds(7)), sleeper.sleeps);
  }

  @Test
  void aRefusedConnectionIsRetriedUntilTheServerIsUp() throws Exception {
    int port = FakeMlflowServer.unusedPort();
    sleeper.onSleep(() -> {
      if (servers.isEmpty()) {
        try {
          servers.add(FakeMlflowServer.start(port));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    });
    MlflowRestBackend backend = RestBackends.connect("http://127.0.0.1:" + port, Map.of(), clock, sleeper);
    assertEquals("1", backend.getOrCreateExperiment("e"));
    assertEquals(List.of(Duration.ofSeconds(1)), sleeper.sleeps);
    assertEquals(List.of("GET /mlflow/experiments/get-by-name", "POST /mlflow/experiments/create"), servers.get(0).lines());
  }

  @Test
  void anUnreachableServerIsOneLineAfterTheLastAttempt() throws Exception {
    int port = FakeMlflowServer.unusedPort();
    MlflowRestBackend backend = RestBackends.connect("http://127.0.0.1:" + port, Map.of(), clock, sleeper);
    TrackingException e = assertThrows(TrackingException.class, () -> backend.ping("e"));
    assertEquals("MLflow tracking server http://127.0.0.1:" + port + " (from mlflow.trackingUri) is down, unreachable or overloaded:"
        + " GET " + BY_NAME + " gave up after 4 attempt(s), last problem: cannot connect to 127.0.0.1:" + port
        + " (connection refused); start the server or fix mlflow.trackingUri, or raise mlflow.http.maxAttempts", e.getMessage());
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), sleeper.sleeps);
  }

  @Test
  void aServerErrorThatPersistsNamesTheLastStatus() throws Exception {
    FakeMlflowServer server = server();
    server.failNext("POST", "/api/2.0/mlflow/runs/create", 4, 503, "TEMPORARILY_UNAVAILABLE", "down for maintenance");
    MlflowRestBackend backend = RestBackends.connect(server, clock, sleeper);
    String exp = backend.getOrCreateExperiment("e");
    TrackingException e = assertThrows(TrackingException.class, () -> backend.startRun(exp, "r", null, Map.of()));
    assertTrue(e.getMessage().contains("POST /api/2.0/mlflow/runs/create gave up after 4 attempt(s), last problem: HTTP 503"
        + " TEMPORARILY_UNAVAILABLE: down for maintenance;"), e.getMessage());
    assertEquals(3, sleeper.sleeps.size());
  }

  @Test
  void anErrorAnswerIsOneLineNamingTheEndpointAndIsNotRetried() throws Exception {
    FakeMlflowServer server = server();
    server.failNext("POST", "/api/2.0/mlflow/runs/create", 1, 400, "INVALID_PARAMETER_VALUE",
        "Invalid value \"x\" for parameter 'experiment_id'\nsupplied (see the docs)");
    MlflowRestBackend backend = RestBackends.connect(server, clock, sleeper);
    String exp = backend.getOrCreateExperiment("e");
    TrackingException e = assertThrows(TrackingException.class, () -> backend.startRun(exp, "r", null, Map.of()));
    assertEquals("MLflow POST /api/2.0/mlflow/runs/create failed with HTTP 400 INVALID_PARAMETER_VALUE: Invalid value \"x\" for"
        + " parameter 'experiment_id' supplied (see the docs); the server rejected the request, so retrying will not help:"
        + " fix what the message names", e.getMessage());
    assertEquals(List.of(), sleeper.sleeps);
  }

  @Test
  void aTokenIsSentAsBearerAndNeverAppearsInMessages() throws Exception {
    FakeMlflowServer server = server();
    server.requireAuthorization("Bearer s3cr3t-token");
    MlflowRestBackend backend = RestBackends.connect(server.uri(), Map.of("MLFLOW_TRACKING_TOKEN", "s3cr3t-token",
        "MLFLOW_TRACKING_USERNAME", "ignored", "MLFLOW_TRACKING_PASSWORD", "ignored"), clock, sleeper);
    String run = backend.startRun(backend.getOrCreateExperiment("e"), "r", null, Map.of());
    backend.endRun(run, RunStatus.FINISHED);
    assertEquals(4, server.calls().size());
    assertTrue(server.calls().stream().allMatch(c -> "Bearer s3cr3t-token".equals(c.authorization())));

    MlflowRestBackend wrong = RestBackends.connect(server.uri(), Map.of("MLFLOW_TRACKING_TOKEN", "wrong-token"), clock, sleeper);
    TrackingException e = assertThrows(TrackingException.class, () -> wrong.ping("e"));
    assertEquals("MLflow GET " + BY_NAME + " failed with HTTP 401 UNAUTHENTICATED: You are not authenticated. Please see the"
        + " documentation for details.; the server refused our credentials: check MLFLOW_TRACKING_TOKEN or"
        + " MLFLOW_TRACKING_USERNAME/MLFLOW_TRACKING_PASSWORD", e.getMessage());
    assertFalse(e.getMessage().contains("wrong-token"));
    assertFalse(MlflowCredentials.fromEnv(Map.of("MLFLOW_TRACKING_TOKEN", "s3cr3t-token")).toString().contains("s3cr3t"));
  }

  @Test
  void usernameAndPasswordAreSentAsBasicAuth() throws Exception {
    FakeMlflowServer server = server();
    String expected = "Basic " + Base64.getEncoder().encodeToString("ada:pa:ss word".getBytes(StandardCharsets.UTF_8));
    server.requireAuthorization(expected);
    MlflowRestBackend backend = RestBackends.connect(server.uri(),
        Map.of("MLFLOW_TRACKING_USERNAME", "ada", "MLFLOW_TRACKING_PASSWORD", "pa:ss word"), clock, sleeper);
    backend.ping("e");
    assertEquals(expected, server.calls().get(0).authorization());
    assertEquals("Basic YWRhOnBhOnNzIHdvcmQ=", expected);
  }

  @Test
  void halfOfBasicAuthIsAConfigurationError() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> MlflowCredentials.fromEnv(Map.of("MLFLOW_TRACKING_USERNAME", "ada")));
    assertEquals("MLflow basic auth needs both MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD, but only"
        + " MLFLOW_TRACKING_USERNAME is set: export the other one, or unset both", e.getMessage());
  }

  @Test
  void withoutCredentialsNoAuthorizationHeaderIsSent() throws Exception {
    FakeMlflowServer server = server();
    RestBackends.connect(server, clock, sleeper).ping("e");
    assertEquals(null, server.calls().get(0).authorization());
  }
}
