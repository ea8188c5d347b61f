package io.coinlake.quality;

import java.util.List;
import java.util.Map;

/**
 * The JSON report of one validate run: row counts (rows in = accepted + quarantined) and every
 * check with its level, status, metric and threshold.
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
    List<CheckResult> checks) {

  public List<CheckResult> failedErrorChecks() {
    return checks.stream().filter(CheckResult::failedAsError).toList();
  }
}
