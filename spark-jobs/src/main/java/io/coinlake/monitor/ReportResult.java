package io.coinlake.monitor;

import java.time.LocalDate;

/**
 * What the report task did, for progress lines and the run summary: the report's date, window and
 * files, its verdict, the alert's status ({@link #ALERT_NOT_NEEDED}, {@link #ALERT_OFF}, {@code
 * sent} or {@code failed: why}) and the MLflow run holding the report.
 */
public record ReportResult(
    LocalDate reportDate,
    String task,
    ReportWindow window,
    String htmlPath,
    String jsonPath,
    String indexPath,
    long referenceRows,
    long currentRows,
    int driftedColumns,
    int columns,
    double driftedShare,
    double driftShare,
    boolean datasetDrift,
    Boolean predictionDrift,
    long labeledRows,
    boolean degraded,
    String alertStatus,
    String mlflowRunId) {

  /** No finding: nothing to alert. */
  public static final String ALERT_NOT_NEEDED = "not_needed";
  /** A finding, but no webhook is configured. */
  public static final String ALERT_OFF = "off";

  public boolean alertDue() {
    return datasetDrift || degraded;
  }

  /** The verdict in one line, e.g. "dataset drift: yes (9 of 13 features, 69% >= 50%); prediction drift: yes; model quality: ok". */
  public String verdict() {
    return "dataset drift: " + (datasetDrift ? "YES" : "no") + " (" + driftedColumns + " of " + columns + " features, "
        + Html.percent(driftedShare) + (datasetDrift ? " >= " : " < ") + Html.percent(driftShare) + "); prediction drift: "
        + (predictionDrift == null ? "no predictions" : predictionDrift ? "YES" : "no") + "; model quality: "
        + (labeledRows == 0 ? "no labels yet" : degraded ? "DEGRADED" : "ok (" + labeledRows + " matured predictions)");
  }

  /** The alert in one line, or null when no alert was due. */
  public String alertLine() {
    if (!alertDue()) {
      return null;
    }
    if (ALERT_OFF.equals(alertStatus)) {
      return "ALERT (not sent: no webhook configured, set monitoring.alerts.webhookUrl): " + findings();
    }
    return "ALERT " + alertStatus + ": " + findings();
  }

  private String findings() {
    return (datasetDrift ? "dataset drift" : "") + (datasetDrift && degraded ? " and " : "") + (degraded ? "model degradation" : "")
        + " -> " + htmlPath;
  }
}
