package io.coinlake.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AlertMessageTest {
  @Test
  void driftAndDegradationInOneParagraphWithTheReportPath() {
    MonitoringReport report = ReportSamples.report(9, 1.5, true);
    assertEquals("coinlake volatility report 2021-06-30 (coinlake-volatility v3, window 2021-06-01 to 2021-06-30): "
        + "dataset drift: 9 of 13 features drifted (share 69% >= 50%): rv_7, rv_30, parkinson_7, garman_klass_7, har_rv_d and 4 more; "
        + "model degraded: qlike " + Html.number(report.quality().overall().qlike()) + " > 1.5 x CV 0.4 over 529 matured predictions. "
        + "Report: /srv/reports/2021-06-30/volatility.html", AlertMessage.text(report, "/srv/reports/2021-06-30/volatility.html"));
  }

  @Test
  void onlyDriftAndFewFeaturesNamedInFull() {
    List<ColumnReport> columns = List.of(ReportSamples.column("a", 2, true, 1), ReportSamples.column("b", 0, false, 2));
    MonitoringReport report = new MonitoringReport(ReportSamples.subject(), new DriftReport(0.5, columns),
        new PredictionDrift(null, PredictionDrift.FROM_BACKTEST, 0, 0), null, ReportSamples.quality(1.5, false));
    assertEquals("coinlake volatility report 2021-06-30 (coinlake-volatility v3, window 2021-06-01 to 2021-06-30): "
        + "dataset drift: 1 of 2 features drifted (share 50% >= 50%): a. Report: s3a://b/r/volatility.html",
        AlertMessage.text(report, "s3a://b/r/volatility.html"));
  }

  @Test
  void onlyDegradationNamesTheWorstMetricAndListsTheOthers() {
    ModelQuality.Result quality = ReportSamples.quality(0.5, true);
    MonitoringReport report = new MonitoringReport(ReportSamples.subject(), ReportSamples.features(0),
        new PredictionDrift(null, PredictionDrift.FROM_BACKTEST, 0, 0), null, quality);
    assertEquals(List.of("rmse", "mae", "qlike"), quality.degradation().degradedMetrics(), "with a factor of 0.5 everything degrades");
    // current / CV: rmse 0.0304 / 0.05 = 0.61, mae 0.0200 / 0.03 = 0.67, qlike 0.85 / 0.4 = 2.1: qlike is the worst
    assertEquals("coinlake volatility report 2021-06-30 (coinlake-volatility v3, window 2021-06-01 to 2021-06-30): model degraded: "
        + "qlike 0.85 > 0.5 x CV 0.4 over 529 matured predictions (degraded: rmse, mae, qlike). Report: /r.html",
        AlertMessage.text(report, "/r.html"));
  }
}
