package io.coinlake.tracking;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The tracking half of MLflow's file store ({@code mlflow/store/tracking/file_store.py}, 2.17):
 * {@code <root>/<experiment id>/meta.yaml}, {@code <root>/<experiment id>/<run id>/meta.yaml} with
 * {@code metrics/}, {@code params/}, {@code tags/} (one file per key, a '/' in a key is a folder)
 * and {@code artifacts/}; deleted experiments live under {@code <root>/.trash}.
 */
final class TrackingStore implements TrackingBackend {
  static final String META = "meta.yaml";
  static final String TRASH = ".trash";
  static final String MODELS = "models";
  static final String DEFAULT_EXPERIMENT_ID = "0";
  static final String DEFAULT_EXPERIMENT_NAME = "Default";
  private static final int EXPERIMENT_ID_WIDTH = 18;

  private final Path root;
  private final String artifactRootUri;
  private final Clock clock;

  TrackingStore(Path root, Clock clock) {
    this.root = root.toAbsolutePath().normalize();
    this.clock = clock;
    this.artifactRootUri = FileUris.toUri(this.root);
    StoreFiles.mkdirs(this.root);
    if (!Files.isDirectory(this.root.resolve(DEFAULT_EXPERIMENT_ID))
        && !Files.isDirectory(this.root.resolve(TRASH).resolve(DEFAULT_EXPERIMENT_ID))) {
      createExperiment(DEFAULT_EXPERIMENT_ID, DEFAULT_EXPERIMENT_NAME);
    }
    StoreFiles.mkdirs(this.root.resolve(TRASH));
  }

  Path root() {
    return root;
  }

  @Override
  public String getOrCreateExperiment(String name) {
    MlflowNames.experimentName(name);
    for (Path dir : StoreFiles.subdirs(root)) {
      String dirName = dir.getFileName().toString();
      if (dirName.equals(TRASH) || dirName.equals(MODELS) || !Files.isRegularFile(dir.resolve(META))) {
        continue;
      }
      ExperimentMeta e = ExperimentMeta.fromYaml(MetaYaml.read(dir.resolve(META)), dir.resolve(META));
      if (e.name().equals(name)
          && e.experimentId().equals(dirName)
          && ExperimentMeta.ACTIVE.equals(e.lifecycleStage())) {
        return e.experimentId();
      }
    }
    String id;
    do {
      id = newExperimentId();
    } while (Files.exists(root.resolve(id)) || Files.exists(root.resolve(TRASH).resolve(id)));
    createExperiment(id, name);
    return id;
  }

  private void createExperiment(String id, String name) {
    long now = clock.millis();
    Path dir = StoreFiles.mkdirs(root.resolve(id));
    ExperimentMeta meta =
        new ExperimentMeta(id, name, FileUris.append(artifactRootUri, id), ExperimentMeta.ACTIVE, now, now);
    MetaYaml.write(dir.resolve(META), meta.toYaml());
  }

  /** MLflow's {@code _generate_unique_integer_id}: an 18-digit decimal without a leading zero. */
  private static String newExperimentId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    StringBuilder sb = new StringBuilder().append(1 + r.nextInt(9));
    while (sb.length() < EXPERIMENT_ID_WIDTH) {
      sb.append(r.nextInt(10));
    }
    return sb.toString();
  }

  private ExperimentMeta activeExperiment(String experimentId) {
    MlflowNames.experimentId(experimentId);
    Path meta = root.resolve(experimentId).resolve(META);
    if (!Files.isRegularFile(meta)) {
      throw new TrackingException(
          "Could not find experiment with ID " + experimentId + " under " + root + " (or it is deleted).");
    }
    ExperimentMeta e = ExperimentMeta.fromYaml(MetaYaml.read(meta), meta);
    if (!ExperimentMeta.ACTIVE.equals(e.lifecycleStage())) {
      throw new TrackingException("Could not create run under non-active experiment with ID " + experimentId + ".");
    }
    return e;
  }

  @Override
  public String startRun(
      String experimentId, String runName, String parentRunIdOrNull, Map<String, String> tags) {
    ExperimentMeta experiment = activeExperiment(experimentId);
    Map<String, String> allTags = new LinkedHashMap<>();
    allTags.put(MlflowTags.USER, System.getProperty("user.name", "unknown"));
    allTags.put(MlflowTags.SOURCE_NAME, sourceName());
    allTags.put(MlflowTags.SOURCE_TYPE, MlflowTags.SOURCE_TYPE_LOCAL);
    if (tags != null) {
      tags.forEach(
          (k, v) ->
              allTags.put(
                  MlflowNames.key("Tag", k),
                  MlflowNames.value("Tag", k, v, MlflowNames.MAX_TAG_VALUE_LENGTH)));
    }
    if (parentRunIdOrNull != null) {
      runDir(parentRunIdOrNull);
      allTags.put(MlflowTags.PARENT_RUN_ID, parentRunIdOrNull);
    }
    String tagName = allTags.get(MlflowTags.RUN_NAME);
    if (runName != null && tagName != null && !runName.equals(tagName)) {
      throw new IllegalArgumentException(
          "Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values"
              + " (run_name='" + runName + "', mlflow.runName='" + tagName + "').");
    }
    String name = runName != null ? runName : tagName != null ? tagName : RunNames.random();
    allTags.put(MlflowTags.RUN_NAME, name);

    String runId = UUID.randomUUID().toString().replace("-", "");
    Path runDir = StoreFiles.mkdirs(root.resolve(experiment.experimentId()).resolve(runId));
    RunMeta meta =
        new RunMeta(
            runId,
            experiment.experimentId(),
            name,
            allTags.get(MlflowTags.USER),
            RunStatus.RUNNING,
            clock.millis(),
            null,
            ExperimentMeta.ACTIVE,
            FileUris.append(experiment.artifactLocation(), runId, "artifacts"));
    MetaYaml.write(runDir.resolve(META), meta.toYaml());
    StoreFiles.mkdirs(runDir.resolve("metrics"));
    StoreFiles.mkdirs(runDir.resolve("params"));
    StoreFiles.mkdirs(runDir.resolve("artifacts"));
    allTags.forEach((k, v) -> StoreFiles.write(runDir.resolve("tags").resolve(k), v));
    return runId;
  }

  private static String sourceName() {
    String command = System.getProperty("sun.java.command");
    if (command == null || command.isBlank()) {
      return "<console>";
    }
    return command.strip().split("\\s+")[0];
  }

  @Override
  public void logParams(String runId, Map<String, String> params) {
    Path runDir = activeRunDir(runId);
    params.forEach(
        (k, v) -> {
          String value = MlflowNames.value("Param", MlflowNames.key("Param", k), v, MlflowNames.MAX_PARAM_VALUE_LENGTH);
          Path file = runDir.resolve("params").resolve(k);
          if (Files.exists(file)) {
            String current = StoreFiles.read(file);
            if (!current.equals(value)) {
              throw new TrackingException(
                  "Changing param values is not allowed. Param with key='" + k + "' was already logged with value='"
                      + current + "' for run ID='" + runId + "'. Attempted logging new value '" + value + "'.");
            }
            return;
          }
          StoreFiles.write(file, value);
        });
  }

  @Override
  public void logMetric(String runId, String key, double value, long step) {
    Path runDir = activeRunDir(runId);
    MlflowNames.key("Metric", key);
    StoreFiles.append(
        runDir.resolve("metrics").resolve(key), clock.millis() + " " + PythonFloat.repr(value) + " " + step + "\n");
  }

  @Override
  public void setTags(String runId, Map<String, String> tags) {
    Path runDir = activeRunDir(runId);
    tags.forEach(
        (k, v) -> {
          String value = MlflowNames.value("Tag", MlflowNames.key("Tag", k), v, MlflowNames.MAX_TAG_VALUE_LENGTH);
          StoreFiles.write(runDir.resolve("tags").resolve(k), value);
          if (k.equals(MlflowTags.RUN_NAME)) {
            // MLflow keeps meta.yaml's run_name in step with the tag (FileStore.set_tag)
            writeMeta(runDir, readMeta(runDir).withName(value));
          }
        });
  }

  @Override
  public String logArtifacts(String runId, Path local, String artifactPath) {
    Path runDir = runDir(runId);
    String rel = MlflowNames.artifactPath(artifactPath);
    String rootUri = readMeta(runDir).artifactUri();
    Path artifactRoot = FileUris.toPath(rootUri);
    if (Files.isDirectory(local)) {
      StoreFiles.copy(local, rel.isEmpty() ? artifactRoot : artifactRoot.resolve(rel));
      return FileUris.append(rootUri, rel);
    }
    if (!Files.isRegularFile(local)) {
      throw new TrackingException("Cannot log artifact for run " + runId + ": '" + local + "' does not exist.");
    }
    String target = rel.isEmpty() ? local.getFileName().toString() : rel;
    StoreFiles.copy(local, artifactRoot.resolve(target));
    return FileUris.append(rootUri, target);
  }

  @Override
  public void deleteArtifacts(String runId, String artifactPath) {
    String rel = MlflowNames.artifactPath(artifactPath);
    if (rel.isEmpty()) {
      throw new TrackingException("Refusing to delete the whole artifact root of run " + runId + "; name a path inside it.");
    }
    StoreFiles.deleteRecursively(FileUris.toPath(artifactUri(runId)).resolve(rel));
  }

  @Override
  public void downloadArtifacts(String runId, String artifactPath, Path localDir) {
    String rel = MlflowNames.artifactPath(artifactPath);
    Path root = FileUris.toPath(artifactUri(runId));
    Path source = rel.isEmpty() ? root : root.resolve(rel);
    if (!Files.exists(source)) {
      throw new TrackingException("Run " + runId + " has no artifact '" + rel + "' (looked in " + source + ").");
    }
    StoreFiles.copy(source, Files.isDirectory(source) ? localDir : localDir.resolve(source.getFileName().toString()));
  }

  @Override
  public String artifactUri(String runId) {
    return readMeta(runDir(runId)).artifactUri();
  }

  @Override
  public void endRun(String runId, RunStatus status) {
    Path runDir = activeRunDir(runId);
    writeMeta(runDir, readMeta(runDir).withEnd(status, clock.millis()));
  }

  @Override
  public List<MetricPoint> metricHistory(String runId, String key) {
    MlflowNames.key("Metric", key);
    Path file = runDir(runId).resolve("metrics").resolve(key);
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    List<MetricPoint> out = new ArrayList<>();
    for (String line : StoreFiles.readLines(file)) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.strip().split(" ");
      if (parts.length != 2 && parts.length != 3) {
        throw new TrackingException(
            "Metric '" + key + "' is malformed in " + file + "; expected 2 or 3 fields, got: " + line);
      }
      try {
        long step = parts.length == 3 ? Long.parseLong(parts[2]) : 0L;
        out.add(new MetricPoint(Long.parseLong(parts[0]), PythonFloat.parse(parts[1]), step));
      } catch (NumberFormatException e) {
        throw new TrackingException("Metric '" + key + "' is malformed in " + file + ": " + line, e);
      }
    }
    return out;
  }

  @Override
  public Map<String, String> params(String runId) {
    return StoreFiles.readTree(runDir(runId).resolve("params"));
  }

  @Override
  public Map<String, String> tags(String runId) {
    return StoreFiles.readTree(runDir(runId).resolve("tags"));
  }

  /** The active experiments, sorted by id (for publishing the store elsewhere). */
  List<ExperimentMeta> activeExperiments() {
    List<ExperimentMeta> out = new ArrayList<>();
    for (Path dir : StoreFiles.subdirs(root)) {
      String name = dir.getFileName().toString();
      if (name.equals(TRASH) || name.equals(MODELS) || !Files.isRegularFile(dir.resolve(META))) {
        continue;
      }
      ExperimentMeta e = ExperimentMeta.fromYaml(MetaYaml.read(dir.resolve(META)), dir.resolve(META));
      if (ExperimentMeta.ACTIVE.equals(e.lifecycleStage())) {
        out.add(e);
      }
    }
    return out;
  }

  /** The active runs of an experiment, oldest start first (ties by id). */
  List<RunMeta> activeRuns(String experimentId) {
    List<RunMeta> out = new ArrayList<>();
    for (Path dir : StoreFiles.subdirs(root.resolve(MlflowNames.experimentId(experimentId)))) {
      if (Files.isRegularFile(dir.resolve(META))) {
        RunMeta meta = readMeta(dir);
        if (meta.active()) {
          out.add(meta);
        }
      }
    }
    out.sort(java.util.Comparator.comparingLong(RunMeta::startTime).thenComparing(RunMeta::runId));
    return out;
  }

  RunMeta runMeta(String runId) {
    return readMeta(runDir(runId));
  }

  /** The keys of every metric the run logged, sorted ('/' in a key is a sub-folder on disk). */
  List<String> metricKeys(String runId) {
    Path metrics = runDir(runId).resolve("metrics");
    if (!Files.isDirectory(metrics)) {
      return List.of();
    }
    try (var files = Files.walk(metrics)) {
      return files.filter(Files::isRegularFile).map(f -> StoreFiles.posix(metrics.relativize(f))).sorted().toList();
    } catch (java.io.IOException e) {
      throw new TrackingException("cannot list the metrics of run " + runId + " in " + metrics + ": " + e.getMessage(), e);
    }
  }

  /** The run's folder, active or deleted (MLflow's {@code _find_run_root}). */
  Path runDir(String runId) {
    MlflowNames.runId(runId);
    return findRunDir(runId)
        .orElseThrow(() -> new TrackingException("Run '" + runId + "' not found under " + root + "."));
  }

  private Optional<Path> findRunDir(String runId) {
    List<Path> experimentDirs = new ArrayList<>();
    for (Path dir : StoreFiles.subdirs(root)) {
      String name = dir.getFileName().toString();
      if (!name.equals(TRASH) && !name.equals(MODELS)) {
        experimentDirs.add(dir);
      }
    }
    experimentDirs.addAll(StoreFiles.subdirs(root.resolve(TRASH)));
    for (Path dir : experimentDirs) {
      Path candidate = dir.resolve(runId);
      if (Files.isRegularFile(candidate.resolve(META))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private Path activeRunDir(String runId) {
    Path dir = runDir(runId);
    if (!readMeta(dir).active()) {
      throw new TrackingException("The run " + runId + " must be in the 'active' state; it is deleted (" + dir + ").");
    }
    return dir;
  }

  private static RunMeta readMeta(Path runDir) {
    Path file = runDir.resolve(META);
    return RunMeta.fromYaml(MetaYaml.read(file), file);
  }

  private static void writeMeta(Path runDir, RunMeta meta) {
    MetaYaml.write(runDir.resolve(META), meta.toYaml());
  }
}
