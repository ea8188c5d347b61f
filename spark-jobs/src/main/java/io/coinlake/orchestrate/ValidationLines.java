package io.coinlake.orchestrate;

import io.coinlake.quality.ValidationReport;
import java.util.List;

/** One line per contract validate applied (rows in, accepted, quarantined by check, warnings), then any anomaly warnings. */
final class ValidationLines {
  private ValidationLines() {}

  static void print(List<ValidationReport> reports, Console console) {
    for (ValidationReport v : reports) {
      console.line(String.format("  contract %-16s rows in %d, accepted %d, quarantined %d %s; warnings %s", v.source(), v.rowsIn(),
          v.rowsAccepted(), v.rowsQuarantined(), v.quarantinedByCheck(), v.warningsByCheck()));
      v.anomalyWarnings().forEach(a -> console.line("  WARNING anomaly " + v.source() + "." + a.name() + ": " + a.message()));
    }
  }
}
