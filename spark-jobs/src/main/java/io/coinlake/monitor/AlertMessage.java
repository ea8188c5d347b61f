package io.coinlake.monitor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The text of an alert: one short paragraph a person reads in a chat channel. It says which task
 * and date, what was found (dataset drift with the count, share and first drifted features; model
 * degradation with the worst metric against its limit) and where the report is.
 */
public final class AlertMessage {
  /** At most this many drifted features are named; the rest are counted. */
  static final int NAMED_FEATURES = 5;

  private AlertMessage() {}

  public static String text(MonitoringReport report, String reportPath) {
    ReportSubject s = report.subject();
    List<String> findings = new ArrayList<>();
    DriftReport f = report.features();
    if (f.datasetDrift()) {
      List<String> drifted = f.driftedColumns();
      String names = String.join(", ", drifted.subList(0, Math.min(NAMED_FEATURES, drifted.size())))
          + (drifted.size() > NAMED_FEATURES ? " and " + (drifted.size() - NAMED_FEATURES) + " more" : "");
      findings.add("dataset drift: " + f.numberOfDriftedColumns() + " of " + f.numberOfColumns() + " features drifted (share "
          + Html.percent(f.shareOfDriftedColumns()) + " >= " + Html.percent(f.driftShare()) + "): " + names);
    }
    Degradation d = report.quality().degradation();
    if (d.degraded()) {
      String worst = d.degradedMetrics().stream().max(Comparator.comparingDouble(d::ratio)).orElseThrow();
      double value = d.current().byName().get(worst);
      double cv = d.cv().byName().get(worst);
      findings.add("model degraded: " + worst + " " + Html.number(value) + " > " + ReportCharts.format(d.factor()) + " x CV "
          + Html.number(cv) + " over " + d.current().rows() + " matured predictions"
          + (d.degradedMetrics().size() > 1 ? " (degraded: " + String.join(", ", d.degradedMetrics()) + ")" : ""));
    }
    if (findings.isEmpty()) {
      findings.add("no dataset drift and no degradation");
    }
    return "coinlake " + s.task() + " report " + s.reportDate() + " (" + s.modelName() + " v" + s.modelVersion() + ", window "
        + s.window().start() + " to " + s.window().end() + "): " + String.join("; ", findings) + ". Report: " + reportPath;
  }
}
