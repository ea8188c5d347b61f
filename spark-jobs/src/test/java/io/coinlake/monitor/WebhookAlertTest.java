package io.coinlake.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coinlake.config.AlertsConfig;
import io.coinlake.testing.WebhookServer;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The webhook alert against HTTP servers on 127.0.0.1: a failure of any kind is a status, never an exception. */
class WebhookAlertTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @Test
  void aSlackCompatibleJsonTextIsPostedAndA2xxIsSent() throws Exception {
    try (WebhookServer hook = WebhookServer.answering(200, "ok")) {
      String status = WebhookAlert.send(URI.create(hook.url("/services/T0/B0/secret-token")), "drift \"found\"\nsee report", TIMEOUT);
      assertEquals("sent", status);
      assertEquals(1, hook.calls().size());
      WebhookServer.Call call = hook.calls().get(0);
      assertEquals("POST", call.method());
      assertEquals("/services/T0/B0/secret-token", call.path());
      assertEquals("application/json", call.contentType());
      JsonNode body = new ObjectMapper().readTree(call.body());
      assertEquals(1, body.size(), "only the text field: " + call.body());
      assertEquals("drift \"found\"\nsee report", body.get("text").asText());
    }
  }

  @Test
  void a5xxIsAFailureNamingTheStatusAndHostButNotThePath() throws Exception {
    try (WebhookServer hook = WebhookServer.answering(503, "  maintenance\nback soon ")) {
      String status = WebhookAlert.send(URI.create(hook.url("/services/secret-token")), "x", TIMEOUT);
      assertEquals("failed: HTTP 503 from 127.0.0.1:" + hook.port() + ": maintenance back soon", status);
      assertFalse(status.contains("secret-token"));
    }
  }

  @Test
  void aRefusedConnectionIsAFailure() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String status = WebhookAlert.send(URI.create("http://127.0.0.1:" + port + "/hook"), "x", TIMEOUT);
    assertEquals("failed: cannot connect to 127.0.0.1:" + port + " (connection refused or unreachable)", status);
  }

  @Test
  void anEndpointThatNeverAnswersTimesOut() throws Exception {
    try (WebhookServer hook = WebhookServer.hanging()) {
      String status = WebhookAlert.send(URI.create(hook.url("/hook")), "x", Duration.ofMillis(300));
      assertEquals("failed: no answer from 127.0.0.1:" + hook.port() + " within 300 ms", status);
      assertEquals(1, hook.calls().size(), "the request was sent and read");
    }
  }

  @Test
  void noFindingSendsNothingAndNoWebhookIsOff() throws Exception {
    try (WebhookServer hook = WebhookServer.answering(200, "")) {
      AlertsConfig alerts = new AlertsConfig(hook.url("/hook"), "COINLAKE_TEST_HOOK", 5);
      MonitoringReport quiet = ReportSamples.report(2, 1.5, false);
      assertEquals(ReportResult.ALERT_NOT_NEEDED, ReportAlert.dispatch(quiet, "/r/volatility.html", alerts, Map.of()));
      assertEquals(0, hook.calls().size());

      MonitoringReport drifted = ReportSamples.report(9, 1.5, true);
      assertEquals(ReportResult.ALERT_OFF, ReportAlert.dispatch(drifted, "/r/volatility.html", new AlertsConfig("", "", 5), Map.of()));
      assertEquals("sent", ReportAlert.dispatch(drifted, "/r/volatility.html", alerts, Map.of()));
      assertEquals(1, hook.calls().size());
      assertTrue(hook.calls().get(0).body().contains("Report: /r/volatility.html"), hook.calls().get(0).body());
    }
  }

  @Test
  void theEnvironmentVariableWinsAndABadOneIsAFailureThatHidesItsValue() throws Exception {
    try (WebhookServer fromConfig = WebhookServer.answering(200, ""); WebhookServer fromEnv = WebhookServer.answering(200, "")) {
      AlertsConfig alerts = new AlertsConfig(fromConfig.url("/config"), "COINLAKE_TEST_HOOK", 5);
      MonitoringReport drifted = ReportSamples.report(9, 1.5, true);
      assertEquals("sent", ReportAlert.dispatch(drifted, "/r.html", alerts, Map.of("COINLAKE_TEST_HOOK", fromEnv.url("/env"))));
      assertEquals(0, fromConfig.calls().size());
      assertEquals("/env", fromEnv.calls().get(0).path());

      String bad = ReportAlert.dispatch(drifted, "/r.html", alerts, Map.of("COINLAKE_TEST_HOOK", "ftp://user:token@host/x"));
      assertEquals("failed: '$COINLAKE_TEST_HOOK' must be an http(s) URL with a host, like https://hooks.slack.com/services/...", bad);
      assertFalse(bad.contains("token"));
    }
  }
}
