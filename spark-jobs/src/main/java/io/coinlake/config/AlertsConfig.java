package io.coinlake.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;

/**
 * Where drift and degradation alerts go: a Slack-compatible incoming webhook ({@code POST
 * {"text": ...}}). The URL comes from the environment variable named {@code webhookUrlEnv} when it
 * is set, else from {@code webhookUrl}; neither set means alerts are off. A webhook URL usually
 * carries a token, so it is never printed: messages name its host only. {@code timeoutSeconds}
 * bounds the connection and the whole request, so a hanging endpoint cannot stall a run.
 */
public record AlertsConfig(String webhookUrl, String webhookUrlEnv, int timeoutSeconds) {
  public static final String DEFAULT_ENV = "COINLAKE_ALERT_WEBHOOK_URL";

  public AlertsConfig {
    webhookUrl = webhookUrl == null ? "" : webhookUrl.trim();
    if (!webhookUrl.isEmpty()) {
      requireHttpUrl(webhookUrl, "webhookUrl");
    }
    webhookUrlEnv = webhookUrlEnv == null ? "" : webhookUrlEnv.trim();
    Checks.positive(timeoutSeconds, "timeoutSeconds");
  }

  /** Alerts off, 10 s timeout, the URL from {@value #DEFAULT_ENV} when set. */
  public static AlertsConfig defaults() {
    return new AlertsConfig("", DEFAULT_ENV, 10);
  }

  /**
   * The webhook in effect: the environment variable's value when set and not blank, else {@code
   * webhookUrl}; empty when alerts are off. Throws (without echoing the value) when the variable
   * holds something that is not an http(s) URL.
   */
  public Optional<URI> webhook(Map<String, String> env) {
    String fromEnv = webhookUrlEnv.isEmpty() ? null : env.get(webhookUrlEnv);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Optional.of(requireHttpUrl(fromEnv.trim(), "$" + webhookUrlEnv));
    }
    return webhookUrl.isEmpty() ? Optional.empty() : Optional.of(URI.create(webhookUrl));
  }

  /** An absolute http(s) URL with a host; the message never repeats the value (it may hold a token). */
  static URI requireHttpUrl(String value, String key) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + key + "' is not a valid URL (" + e.getReason() + "); give the webhook's full https:// URL");
    }
    if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException("'" + key + "' must be an http(s) URL with a host, like https://hooks.slack.com/services/...");
    }
    return uri;
  }
}
