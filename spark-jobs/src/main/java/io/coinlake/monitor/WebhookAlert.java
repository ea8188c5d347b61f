package io.coinlake.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Posts an alert to a Slack-compatible incoming webhook: {@code POST <url>} with {@code
 * Content-Type: application/json} and {@code {"text": "..."}}. One attempt, bounded by the
 * timeout; it never throws: whatever happens is returned as a status to log and record ({@code
 * sent}, or {@code failed: why}). The URL may carry a token, so statuses name its host and port only.
 */
public final class WebhookAlert {
  public static final String SENT = "sent";
  public static final String FAILED = "failed";
  private static final ObjectMapper JSON = new ObjectMapper();

  private WebhookAlert() {}

  /** The JSON body Slack's incoming webhooks (and Mattermost, Teams workflows, Discord's /slack endpoint) accept. */
  static String body(String text) {
    try {
      return JSON.writeValueAsString(Map.of("text", text));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an alert as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Sends {@code text}; returns {@value #SENT} or {@code failed: <why>} naming the host, never the full URL. */
  public static String send(URI webhook, String text, Duration timeout) {
    String where = webhook.getHost() + (webhook.getPort() < 0 ? "" : ":" + webhook.getPort());
    try {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
      HttpRequest request = HttpRequest.newBuilder(webhook).timeout(timeout).header("Content-Type", "application/json")
          .header("User-Agent", "coinlake-report/0.1").POST(HttpRequest.BodyPublishers.ofString(body(text), StandardCharsets.UTF_8)).build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return SENT;
      }
      return FAILED + ": HTTP " + status + " from " + where + excerpt(response.body());
    } catch (HttpConnectTimeoutException e) {
      return FAILED + ": no connection to " + where + " within " + timeout.toSeconds() + " s";
    } catch (HttpTimeoutException e) {
      return FAILED + ": no answer from " + where + " within " + describe(timeout);
    } catch (ConnectException e) {
      return FAILED + ": cannot connect to " + where + " (connection refused or unreachable)";
    } catch (IOException e) {
      return FAILED + ": " + e.getClass().getSimpleName() + " talking to " + where + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FAILED + ": interrupted while talking to " + where;
    } catch (RuntimeException e) { // e.g. an URI the client rejects
      return FAILED + ": " + e.getClass().getSimpleName() + " for " + where + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage()));
    }
  }

  private static String describe(Duration timeout) {
    return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
  }

  private static String excerpt(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String line = oneLine(body);
    return ": " + (line.length() > 120 ? line.substring(0, 120) + "..." : line);
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }
}
