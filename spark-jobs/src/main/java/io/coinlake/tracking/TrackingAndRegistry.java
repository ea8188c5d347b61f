package io.coinlake.tracking;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tracking backend and model registry made of two halves, as MLflow splits them: every run call
 * goes to {@code runs}, every registry call to {@code registry}. The file store and the REST
 * backend differ only in their halves.
 */
public abstract class TrackingAndRegistry implements TrackingBackend, ModelRegistry {
  private final TrackingBackend runs;
  private final ModelRegistry registry;

  TrackingAndRegistry(TrackingBackend runs, ModelRegistry registry) {
    this.runs = runs;
    this.registry = registry;
  }

  @Override
  public String getOrCreateExperiment(String name) {
    return runs.getOrCreateExperiment(name);
  }

  @Override
  public String startRun(
      String experimentId, String runName, String parentRunIdOrNull, Map<String, String> tags) {
    return runs.startRun(experimentId, runName, parentRunIdOrNull, tags);
  }

  @Override
  public void logParams(String runId, Map<String, String> params) {
    runs.logParams(runId, params);
  }

  @Override
  public void logMetric(String runId, String key, double value, long step) {
    runs.logMetric(runId, key, value, step);
  }

  @Override
  public void setTags(String runId, Map<String, String> tags) {
    runs.setTags(runId, tags);
  }

  @Override
  public String logArtifacts(String runId, Path local, String artifactPath) {
    return runs.logArtifacts(runId, local, artifactPath);
  }

  @Override
  public void deleteArtifacts(String runId, String artifactPath) {
    runs.deleteArtifacts(runId, artifactPath);
  }

  @Override
  public void downloadArtifacts(String runId, String artifactPath, Path localDir) {
    runs.downloadArtifacts(runId, artifactPath, localDir);
  }

  @Override
  public String artifactUri(String runId) {
    return runs.artifactUri(runId);
  }

  @Override
  public void endRun(String runId, RunStatus status) {
    runs.endRun(runId, status);
  }

  @Override
  public List<MetricPoint> metricHistory(String runId, String key) {
    return runs.metricHistory(runId, key);
  }

  @Override
  public Map<String, String> params(String runId) {
    return runs.params(runId);
  }

  @Override
  public Map<String, String> tags(String runId) {
    return runs.tags(runId);
  }

  @Override
  public ModelVersion createVersion(String modelName, String source, String runId) {
    return registry.createVersion(modelName, source, runId);
  }

  @Override
  public Optional<ModelVersion> getVersion(String modelName, int version) {
    return registry.getVersion(modelName, version);
  }

  @Override
  public Optional<ModelVersion> getByAlias(String modelName, String alias) {
    return registry.getByAlias(modelName, alias);
  }

  @Override
  public void setAlias(String modelName, String alias, int version) {
    registry.setAlias(modelName, alias, version);
  }

  @Override
  public List<ModelVersion> listVersions(String modelName) {
    return registry.listVersions(modelName);
  }

  @Override
  public List<String> listModels() {
    return registry.listModels();
  }

  @Override
  public Map<String, Integer> aliases(String modelName) {
    return registry.aliases(modelName);
  }

  @Override
  public void setVersionTag(String modelName, int version, String key, String value) {
    registry.setVersionTag(modelName, version, key, value);
  }

  @Override
  public Map<String, String> versionTags(String modelName, int version) {
    return registry.versionTags(modelName, version);
  }
}
