package io.coinlake.tracking;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * MLflow's {@code ./mlruns} file store, as MLflow 2.17 writes it, so that {@code mlflow ui
 * --backend-store-uri ./mlruns} shows our experiments, runs and registered models: tracking
 * (experiments, runs, params, metrics, tags, artifacts) and the model registry ({@code
 * mlruns/models/}). The root is created if absent, with experiment 0 "Default" and the {@code
 * .trash} and {@code models} folders, as MLflow's stores create them. Not thread-safe: use one
 * instance per process and do not write the same run from two places.
 */
public final class FileStoreBackend extends TrackingAndRegistry {
  private final TrackingStore tracking;

  public FileStoreBackend(Path root) {
    this(root, Clock.systemUTC());
  }

  /** With an explicit clock, for tests. */
  FileStoreBackend(Path root, Clock clock) {
    this(new TrackingStore(root, clock), new RegistryStore(root, clock));
  }

  private FileStoreBackend(TrackingStore tracking, RegistryStore registry) {
    super(tracking, registry);
    this.tracking = tracking;
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
    List<RunMeta> runs = new ArrayList<>();
    for (ExperimentMeta experiment : tracking.activeExperiments()) {
      runs.addAll(tracking.activeRuns(experiment.experimentId()));
    }
    runs.sort(Comparator.comparingLong(RunMeta::startTime).thenComparing(RunMeta::runId));
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
}
