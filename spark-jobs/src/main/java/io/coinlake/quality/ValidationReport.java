package io.coinlake.quality;

import java.util.List;
import java.util.Map;

/**
 * The JSON report of one validate run: row counts (rows in = accepted + quarantined), every
 * check with its level, status, metric and threshold, and every anomaly check against the
 * previous run date (always warning level; empty when the contract has none or the run has no
 * date).
 */
public record ValidationReport(
    String source,
    String window,
    String generatedAt,
    long rowsIn,
    long rowsAccepted,
    long rowsQuarantined,
    Map<String, Long> quarantinedByCheck,
    Map<String, Long> warningsByCheck,
    List<CheckResult> checks,
    List<AnomalyOutcome> anomalies) {

  public ValidationReport {
    anomalies = anomalies == null ? List.of() : List.copyOf(anomalies);
  }

  /** A report without anomaly results. */
  public ValidationReport(String source, String window, String generatedAt, long rowsIn,
      long rowsAccepted, long rowsQuarantined, Map<String, Long> quarantinedByCheck,
      Map<String, Long> warningsByCheck, List<CheckResult> checks) {
    this(source, window, generatedAt, rowsIn, rowsAccepted, rowsQuarantined, quarantinedByCheck,
        warningsByCheck, checks, List.of());
  }

  public List<CheckResult> failedErrorChecks() {
    return checks.stream().filter(CheckResult::failedAsError).toList();
  }

  /** The anomaly checks whose metric moved outside its allowed range (reported, never fatal). */
  public List<AnomalyOutcome> anomalyWarnings() {
    return anomalies.stream().filter(AnomalyOutcome::raisesWarning).toList();
  }
}
