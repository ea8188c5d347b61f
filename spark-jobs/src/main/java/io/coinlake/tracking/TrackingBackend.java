package io.coinlake.tracking;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Where runs, params, metrics, tags and artifacts are recorded. */
public interface TrackingBackend {

  /** Returns the id of the active experiment with this name, creating it if absent. */
  String getOrCreateExperiment(String name);

  /**
   * Starts a run and returns its id (32 hex chars). Sets the tags {@code mlflow.runName}, {@code
   * mlflow.parentRunId} (when a parent is given), {@code mlflow.user}, {@code mlflow.source.type}
   * = LOCAL and {@code mlflow.source.name}; entries of {@code tags} override those defaults.
   */
  String startRun(
      String experimentId, String runName, String parentRunIdOrNull, Map<String, String> tags);

  /** Logs params; a param already logged must keep its value (MLflow rejects changes). */
  void logParams(String runId, Map<String, String> params);

  /** Appends one value to a metric's history; the timestamp is now, in ms. */
  void logMetric(String runId, String key, double value, long step);

  void setTags(String runId, Map<String, String> tags);

  /**
   * Copies a local file or a whole directory to {@code <run artifacts>/<artifactPath>} and returns
   * its URI (e.g. {@code file:///abs/mlruns/1/<run>/artifacts/model}). A directory's contents go
   * into that folder; a file is written at exactly that path, so include the file name (e.g.
   * {@code reports/drift.html}). A null or empty artifactPath means the artifact root (a file then
   * keeps its own name).
   */
  String logArtifacts(String runId, Path local, String artifactPath);

  /**
   * Deletes {@code <run artifacts>/<artifactPath>} (a file or a whole folder); nothing happens when
   * it is already absent. Used to keep only the newest model versions' files.
   */
  void deleteArtifacts(String runId, String artifactPath);

  /**
   * Copies {@code <run artifacts>/<artifactPath>} into the local directory {@code localDir}: a
   * folder's contents go directly into it, a file keeps its name. Fails when the artifact is absent.
   */
  void downloadArtifacts(String runId, String artifactPath, Path localDir);

  /** The run's artifact root URI. */
  String artifactUri(String runId);

  /** Sets status and end_time. */
  void endRun(String runId, RunStatus status);

  /** Reads back a metric's history, newest last (for tests, summaries and model comparison). */
  List<MetricPoint> metricHistory(String runId, String key);

  Map<String, String> params(String runId);

  Map<String, String> tags(String runId);
}
