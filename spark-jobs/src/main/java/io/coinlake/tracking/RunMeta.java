package io.coinlake.tracking;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's {@code meta.yaml} as MLflow's {@code _make_persisted_run_info_dict} writes it: the
 * {@code RunInfo} properties plus the legacy fields {@code tags: []}, {@code source_type: 4}
 * (LOCAL), empty {@code source_name}, {@code entry_point_name} and {@code source_version}; {@code
 * status} is the integer code and {@code experiment_id} a string.
 */
record RunMeta(
    String runId,
    String experimentId,
    String runName,
    String userId,
    RunStatus status,
    long startTime,
    Long endTime,
    String lifecycleStage,
    String artifactUri) {

  /** {@code SourceType.LOCAL}: NOTEBOOK, JOB, PROJECT, LOCAL, UNKNOWN, RECIPE = range(1, 7). */
  static final int SOURCE_TYPE_LOCAL = 4;

  RunMeta withEnd(RunStatus newStatus, long end) {
    return new RunMeta(runId, experimentId, runName, userId, newStatus, startTime, end, lifecycleStage, artifactUri);
  }

  RunMeta withName(String name) {
    return new RunMeta(runId, experimentId, name, userId, status, startTime, endTime, lifecycleStage, artifactUri);
  }

  boolean active() {
    return ExperimentMeta.ACTIVE.equals(lifecycleStage);
  }

  Map<String, Object> toYaml() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("artifact_uri", artifactUri);
    m.put("end_time", endTime);
    m.put("entry_point_name", "");
    m.put("experiment_id", experimentId);
    m.put("lifecycle_stage", lifecycleStage);
    m.put("run_id", runId);
    m.put("run_name", runName);
    m.put("run_uuid", runId);
    m.put("source_name", "");
    m.put("source_type", SOURCE_TYPE_LOCAL);
    m.put("source_version", "");
    m.put("start_time", startTime);
    m.put("status", status.code());
    m.put("tags", List.of());
    m.put("user_id", userId);
    return m;
  }

  static RunMeta fromYaml(Map<String, Object> m, Path file) {
    Object id = m.get("run_id") != null ? m.get("run_id") : m.get("run_uuid");
    Object exp = m.get("experiment_id");
    if (id == null || exp == null) {
      throw new TrackingException("Malformed run meta file " + file + ": run_uuid and experiment_id are required.");
    }
    Object status = m.get("status");
    RunStatus st;
    if (status == null) {
      st = RunStatus.RUNNING;
    } else if (status instanceof Number n) {
      st = RunStatus.fromCode(n.intValue());
    } else {
      st = RunStatus.valueOf(String.valueOf(status));
    }
    Object end = m.get("end_time");
    return new RunMeta(
        String.valueOf(id),
        String.valueOf(exp),
        m.get("run_name") == null ? null : String.valueOf(m.get("run_name")),
        m.get("user_id") == null ? null : String.valueOf(m.get("user_id")),
        st,
        ExperimentMeta.longOr(m.get("start_time"), 0L),
        end instanceof Number n ? n.longValue() : null,
        m.get("lifecycle_stage") == null ? ExperimentMeta.ACTIVE : String.valueOf(m.get("lifecycle_stage")),
        m.get("artifact_uri") == null ? null : String.valueOf(m.get("artifact_uri")));
  }
}
