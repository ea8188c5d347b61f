package io.coinlake.monitor;

import io.coinlake.config.AlertsConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Whether and where a report's alert goes: nowhere when nothing was found ({@value
 * ReportResult#ALERT_NOT_NEEDED}) or no webhook is configured ({@value ReportResult#ALERT_OFF}),
 * else to the webhook. Never throws: a bad URL in the environment or a failing webhook is a status.
 */
final class ReportAlert {
  private ReportAlert() {}

  static String dispatch(MonitoringReport report, String reportPath, AlertsConfig alerts, Map<String, String> env) {
    if (!report.alertDue()) {
      return ReportResult.ALERT_NOT_NEEDED;
    }
    Optional<URI> webhook;
    try {
      webhook = alerts.webhook(env);
    } catch (IllegalArgumentException e) {
      return WebhookAlert.FAILED + ": " + e.getMessage();
    }
    if (webhook.isEmpty()) {
      return ReportResult.ALERT_OFF;
    }
    return WebhookAlert.send(webhook.get(), AlertMessage.text(report, reportPath), Duration.ofSeconds(alerts.timeoutSeconds()));
  }
}
