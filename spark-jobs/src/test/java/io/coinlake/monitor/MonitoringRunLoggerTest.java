package io.coinlake.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coinlake.config.MlflowConfig;
import io.coinlake.testing.FakeMlflowServer;
import io.coinlake.testing.FakeMlflowStore;
import io.coinlake.tracking.Tracking;
import io.coinlake.tracking.TrackingBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitoring run goes through the TrackingBackend interface: the same run on the file store and on a tracking server. */
class MonitoringRunLoggerTest {
  @TempDir Path tmp;

  private Path files() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("staged"));
    Files.writeString(dir.resolve("volatility.html"), "<!DOCTYPE html><p>report</p>");
    Files.writeString(dir.resolve("volatility.json"), "{\"coinlake\": {}}");
    return dir;
  }

  /** Logs a report with matured labels, finishes with an alert status, and checks what the backend gives back. */
  private String logAndCheck(TrackingBackend runs) throws Exception {
    MonitoringRunLogger logger = new MonitoringRunLogger(runs);
    MonitoringReport report = ReportSamples.report(9, 1.5, true);
    String runId = logger.start("coinlake-volatility", report, 1.5, files());
    logger.finish(runId, "failed: HTTP 500 from hooks.example.com");

    Map<String, String> params = runs.params(runId);
    assertEquals("2021-06-30", params.get("report_date"));
    assertEquals("2021-06-01", params.get("window_start"));
    assertEquals("12", params.get("reference_table_delta_version"));
    assertEquals("2021-05-31", params.get("reference_as_of"));
    assertEquals("1.5", params.get("degradation_factor"));
    assertEquals("gold.backtest", params.get("prediction_reference_source"));
    Map<String, String> tags = runs.tags(runId);
    assertEquals("failed: HTTP 500 from hooks.example.com", tags.get("coinlake.alert_status"));
    assertEquals("3", tags.get("coinlake.model_version"));
    assertEquals("0123456789abcdef0123456789abcdef", tags.get("coinlake.model_run_id"));
    assertEquals("report-volatility-2021-06-30", tags.get("mlflow.runName"));
    assertEquals(9.0, runs.metricHistory(runId, "number_of_drifted_columns").get(0).value());
    assertEquals(1.0, runs.metricHistory(runId, "dataset_drift").get(0).value());
    assertEquals(report.quality().overall().rmse(), runs.metricHistory(runId, "rmse").get(0).value(), 1e-15);
    assertEquals(0.05, runs.metricHistory(runId, "cv_rmse").get(0).value());
    assertEquals(0.5, runs.metricHistory(runId, "drift_score_rv_7").get(0).value(), 1e-15);

    Path back = Files.createDirectories(tmp.resolve("back-" + runId));
    runs.downloadArtifacts(runId, "evidently", back);
    assertEquals("<!DOCTYPE html><p>report</p>", Files.readString(back.resolve("volatility.html")));
    assertEquals("{\"coinlake\": {}}", Files.readString(back.resolve("volatility.json")));
    return runId;
  }

  @Test
  void onTheFileStore() throws Exception {
    Path mlruns = tmp.resolve("mlruns");
    TrackingBackend runs = Tracking.open(new MlflowConfig(mlruns.toString(), "coinlake-volatility"), Map.of()).runs();
    String runId = logAndCheck(runs);
    String experimentId = runs.getOrCreateExperiment("coinlake-volatility-monitoring");
    assertTrue(Files.isDirectory(mlruns.resolve(experimentId).resolve(runId)), "the run is in the experiment <experiment>-monitoring");
    assertTrue(Files.readString(mlruns.resolve(experimentId).resolve(runId).resolve("meta.yaml")).contains("status: 3"), "FINISHED");
  }

  @Test
  void onATrackingServer() throws Exception {
    try (FakeMlflowServer server = FakeMlflowServer.start()) {
      TrackingBackend runs = Tracking.open(new MlflowConfig(server.uri(), "coinlake-volatility"), Map.of()).runs();
      String runId = logAndCheck(runs);
      FakeMlflowStore.Run run = server.store().run(runId);
      String experiment = server.store().experiments().stream().filter(e -> e.id().equals(run.experimentId)).findFirst().orElseThrow().name();
      assertEquals("coinlake-volatility-monitoring", experiment);
      assertEquals("FINISHED", run.status);
      assertTrue(server.store().artifacts().containsKey(run.experimentId + "/" + runId + "/artifacts/evidently/volatility.html"),
          server.store().artifacts().keySet().toString());
      assertEquals(List.of(), server.violations(), "every request follows MLflow's REST API");
    }
  }

  @Test
  void missingNumbersAreLeftOut() {
    Map<String, Double> metrics = MonitoringRunLogger.metrics(ReportSamples.report(2, 1.5, false));
    assertEquals(0.0, metrics.get("labeled_rows"));
    assertEquals(0.0, metrics.get("dataset_drift"));
    assertTrue(!metrics.containsKey("rmse") && !metrics.containsKey("degraded"), "no error before labels matured: " + metrics.keySet());
    assertEquals(0.4, metrics.get("cv_qlike"));
  }
}
