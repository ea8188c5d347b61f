package io.coinlake.train;

import io.coinlake.tracking.GitInfo;
import io.coinlake.tracking.TrackingBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a training run recorded about itself: its {@link TrainingSpec} (from its params) and the
 * environment it ran in (code version, Spark version, the table's path, from its tags).
 */
public record RecordedRun(String runId, TrainingSpec spec, String gitCommit, String gitDirty, String sparkVersion, String tablePath) {

  /**
   * Reads a run from the tracking backend. Fails with one line when the run does not exist, is a
   * candidate (child) run, is not a volatility training, or lacks the params of a reproducible run.
   */
  public static RecordedRun read(TrackingBackend runs, String runId, String trackingUri) {
    Map<String, String> tags;
    Map<String, String> params;
    try {
      tags = runs.tags(runId);
      params = runs.params(runId);
    } catch (RuntimeException e) {
      throw new TrainingException("no MLflow run '" + runId + "' in " + trackingUri + " (" + firstLine(e.getMessage())
          + "); pass the id of a training run, as printed by ./coinlake train", e);
    }
    String parent = tags.get("mlflow.parentRunId");
    if (parent != null) {
      throw new TrainingException("run " + runId + " is the candidate run " + tags.getOrDefault("mlflow.runName", "?")
          + " of training run " + parent + "; reproduce the training: ./coinlake train --reproduce " + parent);
    }
    if (!"volatility".equals(tags.get("coinlake.task"))) {
      throw new TrainingException("run " + runId + " is not a coinlake volatility training run (its tag coinlake.task is "
          + tags.get("coinlake.task") + "); pass the id of a run logged by ./coinlake train");
    }
    TrainingSpec spec = TrainingSpec.fromParams(runId, params);
    return new RecordedRun(runId, spec, tags.getOrDefault(TrainRunLogger.GIT_COMMIT, GitInfo.UNKNOWN),
        tags.getOrDefault(TrainRunLogger.GIT_DIRTY, GitInfo.UNKNOWN), tags.getOrDefault(TrainRunLogger.SPARK_VERSION, "unknown"),
        tags.get(TrainRunLogger.TRAINING_TABLE_PATH));
  }

  /**
   * One line per difference between the run's environment and this one that could change the
   * result: another commit, uncommitted changes, an unknown code version, another Spark, another table path.
   */
  public List<String> warnings(String commit, String dirty, String spark, String path) {
    List<String> out = new ArrayList<>();
    if (GitInfo.UNKNOWN.equals(gitCommit) || GitInfo.UNKNOWN.equals(commit)) {
      out.add("warning: cannot compare code versions: run " + runId + " was trained by code at commit " + gitCommit
          + ", this build is at " + commit);
    } else if (!gitCommit.equals(commit)) {
      out.add("warning: run " + runId + " was trained by code at commit " + gitCommit + ", this build is at " + commit
          + "; if metrics differ, check out " + gitCommit + " and rebuild");
    } else if (!"false".equals(gitDirty) || !"false".equals(dirty)) {
      String which = !"false".equals(gitDirty) && !"false".equals(dirty) ? "both builds" : "false".equals(gitDirty) ? "this build" : "the run's build";
      out.add("warning: run " + runId + " and this build are both at commit " + commit + ", but " + which
          + " had uncommitted changes (or it is unknown); the code may differ");
    }
    if (!sparkVersion.equals(spark)) {
      out.add("warning: run " + runId + " used Spark " + sparkVersion + ", this is Spark " + spark);
    }
    if (tablePath != null && !tablePath.equals(path)) {
      out.add("warning: run " + runId + " read " + tablePath + "; this config reads " + path
          + " at the same Delta version (set lake.root to the run's lake if that is not the same table)");
    }
    return out;
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("").trim();
  }
}
