package io.coinlake.tracking;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MLflow's {@code ./mlruns} file store, as MLflow 2.17 writes it, so that {@code mlflow ui
 * --backend-store-uri ./mlruns} shows our experiments, runs and registered models: tracking
 * (experiments, runs, params, metrics, tags, artifacts) and the model registry ({@code
 * mlruns/models/}). The root is created if absent, with experiment 0 "Default" and the {@code
 * .trash} and {@code models} folders, as MLflow's stores create them. Not thread-safe: use one
 * instance per process and do not write the same run from two places.
 */
public final class FileStoreBackend implements TrackingBackend, ModelRegistry {
  private final TrackingStore tracking;
  private final RegistryStore registry;

  public FileStoreBackend(Path root) {
    this(root, Clock.systemUTC());
  }

  /** With an explicit clock, for tests. */
  FileStoreBackend(Path root, Clock clock) {
    this.tracking = new TrackingStore(root, clock);
    this.registry = new RegistryStore(root, clock);
  }

  /** The tracking half, for reading the whole store (publishing). */
  TrackingStore store() {
    return tracking;
  }

  /**
   * The ids of every active run of every active experiment, oldest start first (ties by id): for
   * reading the store, e.g. in the notebooks.
   */
  public List<String> runIds() {
    List<RunMeta> runs = new java.util.ArrayList<>();
    for (ExperimentMeta experiment : tracking.activeExperiments()) {
      runs.addAll(tracking.activeRuns(experiment.experimentId()));
    }
    runs.sort(java.util.Comparator.comparingLong(RunMeta::startTime).thenComparing(RunMeta::runId));
    return runs.stream().map(RunMeta::runId).toList();
  }

  /**
   * The ids of the active runs whose {@code mlflow.parentRunId} tag is {@code parentRunId}, oldest
   * start first: a training's candidate runs.
   *
   * @throws TrackingException when the parent run does not exist
   */
  public List<String> childRunIds(String parentRunId) {
    String experimentId = tracking.runMeta(parentRunId).experimentId();
    return tracking.activeRuns(experimentId).stream()
        .map(RunMeta::runId)
        .filter(id -> parentRunId.equals(tracking.tags(id).get(MlflowTags.PARENT_RUN_ID)))
        .toList();
  }

  /** The absolute root directory of the store. */
  public Path root() {
    return tracking.root();
  }

  @Override
  public String getOrCreateExperiment(String name) {
    return tracking.getOrCreateExperiment(name);
  }

  @Override
  public String startRun(
      String experimentId, String runName, String parentRunIdOrNull, Map<String, String> tags) {
    return tracking.startRun(experimentId, runName, parentRunIdOrNull, tags);
  }

  @Override
  public void logParams(String runId, Map<String, String> params) {
    tracking.logParams(runId, params);
  }

  @Override
  public void logMetric(String runId, String key, double value, long step) {
    tracking.logMetric(runId, key, value, step);
  }

  @Override
  public void setTags(String runId, Map<String, String> tags) {
    tracking.setTags(runId, tags);
  }

  @Override
  public String logArtifacts(String runId, Path local, String artifactPath) {
    return tracking.logArtifacts(runId, local, artifactPath);
  }

  @Override
  public void deleteArtifacts(String runId, String artifactPath) {
    tracking.deleteArtifacts(runId, artifactPath);
  }

  @Override
  public void downloadArtifacts(String runId, String artifactPath, Path localDir) {
    tracking.downloadArtifacts(runId, artifactPath, localDir);
  }

  @Override
  public String artifactUri(String runId) {
    return tracking.artifactUri(runId);
  }

  @Override
  public void endRun(String runId, RunStatus status) {
    tracking.endRun(runId, status);
  }

  @Override
  public List<MetricPoint> metricHistory(String runId, String key) {
    return tracking.metricHistory(runId, key);
  }

  @Override
  public Map<String, String> params(String runId) {
    return tracking.params(runId);
  }

  @Override
  public Map<String, String> tags(String runId) {
    return tracking.tags(runId);
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
