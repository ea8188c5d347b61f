package io.coinlake.tracking;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An experiment's {@code meta.yaml}: {@code dict(Experiment)} without tags, as {@code
 * FileStore._create_experiment_with_id} writes it (experiment_id is a string).
 */
record ExperimentMeta(
    String experimentId,
    String name,
    String artifactLocation,
    String lifecycleStage,
    long creationTime,
    long lastUpdateTime) {

  static final String ACTIVE = "active";

  Map<String, Object> toYaml() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("artifact_location", artifactLocation);
    m.put("creation_time", creationTime);
    m.put("experiment_id", experimentId);
    m.put("last_update_time", lastUpdateTime);
    m.put("lifecycle_stage", lifecycleStage);
    m.put("name", name);
    return m;
  }

  static ExperimentMeta fromYaml(Map<String, Object> m, Path file) {
    Object id = m.get("experiment_id");
    Object name = m.get("name");
    if (id == null || name == null) {
      throw new TrackingException("Malformed experiment meta file " + file + ": experiment_id and name are required.");
    }
    return new ExperimentMeta(
        String.valueOf(id),
        String.valueOf(name),
        m.get("artifact_location") == null ? null : String.valueOf(m.get("artifact_location")),
        m.get("lifecycle_stage") == null ? ACTIVE : String.valueOf(m.get("lifecycle_stage")),
        longOr(m.get("creation_time"), 0L),
        longOr(m.get("last_update_time"), 0L));
  }

  static long longOr(Object v, long fallback) {
    return v instanceof Number n ? n.longValue() : fallback;
  }
}
