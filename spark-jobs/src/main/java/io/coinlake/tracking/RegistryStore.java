package io.coinlake.tracking;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model registry half of MLflow's file store ({@code mlflow/store/model_registry/file_store.py},
 * 2.17): {@code <root>/models/<name>/meta.yaml}, {@code <root>/models/<name>/version-<N>/meta.yaml}
 * and {@code <root>/models/<name>/aliases/<alias>} holding the version number as text.
 */
final class RegistryStore implements ModelRegistry {
  static final String STAGE_NONE = "None";
  static final String STAGE_DELETED_INTERNAL = "Deleted_Internal";
  static final String STATUS_READY = "READY";
  private static final String META = TrackingStore.META;
  private static final String VERSION_PREFIX = "version-";

  private final Path models;
  private final Clock clock;

  RegistryStore(Path root, Clock clock) {
    this.models = StoreFiles.mkdirs(root.toAbsolutePath().normalize().resolve(TrackingStore.MODELS));
    this.clock = clock;
  }

  @Override
  public ModelVersion createVersion(String modelName, String source, String runId) {
    Path modelDir = modelDir(modelName);
    if (source == null || source.isEmpty()) {
      throw new IllegalArgumentException("A model version needs a source URI (model " + modelName + ").");
    }
    if (runId != null) {
      MlflowNames.runId(runId);
    }
    long now = clock.millis();
    if (!Files.isRegularFile(modelDir.resolve(META))) {
      StoreFiles.mkdirs(modelDir);
      Map<String, Object> rm = new LinkedHashMap<>();
      rm.put("aliases", Map.of());
      rm.put("creation_timestamp", now);
      rm.put("description", null);
      rm.put("last_updated_timestamp", now);
      rm.put("name", modelName);
      MetaYaml.write(modelDir.resolve(META), rm);
    } else {
      touchRegisteredModel(modelDir, now);
    }
    int version = versionDirs(modelDir).stream().mapToInt(RegistryStore::versionOf).max().orElse(0) + 1;
    Path versionDir = modelDir.resolve(VERSION_PREFIX + version);
    if (Files.exists(versionDir)) {
      throw new TrackingException("Model version folder " + versionDir + " already exists.");
    }
    StoreFiles.mkdirs(versionDir);
    Map<String, Object> mv = new LinkedHashMap<>();
    mv.put("aliases", List.of());
    mv.put("creation_timestamp", now);
    mv.put("current_stage", STAGE_NONE);
    mv.put("description", null);
    mv.put("last_updated_timestamp", now);
    mv.put("name", modelName);
    mv.put("run_id", runId);
    mv.put("run_link", null);
    mv.put("source", source);
    mv.put("status", STATUS_READY);
    mv.put("status_message", null);
    mv.put("storage_location", source);
    mv.put("user_id", null);
    mv.put("version", version);
    MetaYaml.write(versionDir.resolve(META), mv);
    return new ModelVersion(modelName, version, source, runId, now);
  }

  @Override
  public Optional<ModelVersion> getVersion(String modelName, int version) {
    Path meta = modelDir(modelName).resolve(VERSION_PREFIX + version).resolve(META);
    if (!Files.isRegularFile(meta)) {
      return Optional.empty();
    }
    return readVersion(meta);
  }

  @Override
  public Optional<ModelVersion> getByAlias(String modelName, String alias) {
    Path file = modelDir(modelName).resolve("aliases").resolve(MlflowNames.alias(alias));
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    String text = StoreFiles.read(file).strip();
    try {
      return getVersion(modelName, Integer.parseInt(text));
    } catch (NumberFormatException e) {
      throw new TrackingException("Alias file " + file + " holds '" + text + "', not a version number.", e);
    }
  }

  @Override
  public void setAlias(String modelName, String alias, int version) {
    Path modelDir = modelDir(modelName);
    MlflowNames.alias(alias);
    if (!Files.isRegularFile(modelDir.resolve(META))) {
      throw new TrackingException("Registered Model with name=" + modelName + " not found under " + models + ".");
    }
    if (getVersion(modelName, version).isEmpty()) {
      throw new TrackingException("Model Version (name=" + modelName + ", version=" + version + ") not found.");
    }
    StoreFiles.write(modelDir.resolve("aliases").resolve(alias), Integer.toString(version));
    touchRegisteredModel(modelDir, clock.millis());
  }

  @Override
  public List<ModelVersion> listVersions(String modelName) {
    List<ModelVersion> out = new ArrayList<>();
    for (Path dir : versionDirs(modelDir(modelName))) {
      Path meta = dir.resolve(META);
      if (Files.isRegularFile(meta)) {
        readVersion(meta).ifPresent(out::add);
      }
    }
    out.sort(Comparator.comparingInt(ModelVersion::version));
    return out;
  }

  @Override
  public List<String> listModels() {
    return StoreFiles.subdirs(models).stream()
        .filter(d -> Files.isRegularFile(d.resolve(META)))
        .map(d -> String.valueOf(MetaYaml.read(d.resolve(META)).get("name")))
        .sorted()
        .toList();
  }

  @Override
  public Map<String, Integer> aliases(String modelName) {
    Map<String, Integer> out = new java.util.TreeMap<>();
    StoreFiles.readTree(modelDir(modelName).resolve("aliases")).forEach((alias, text) -> {
      try {
        out.put(alias, Integer.parseInt(text.strip()));
      } catch (NumberFormatException e) {
        throw new TrackingException("Alias file for '" + alias + "' of model " + modelName + " holds '" + text + "', not a version number.", e);
      }
    });
    return out;
  }

  @Override
  public void setVersionTag(String modelName, int version, String key, String value) {
    if (getVersion(modelName, version).isEmpty()) {
      throw new TrackingException("Model Version (name=" + modelName + ", version=" + version + ") not found.");
    }
    StoreFiles.write(modelDir(modelName).resolve(VERSION_PREFIX + version).resolve("tags").resolve(MlflowNames.key("Tag", key)), value);
  }

  @Override
  public Map<String, String> versionTags(String modelName, int version) {
    return StoreFiles.readTree(modelDir(modelName).resolve(VERSION_PREFIX + version).resolve("tags"));
  }

  private Path modelDir(String modelName) {
    return models.resolve(MlflowNames.modelName(modelName));
  }

  /**
   * Rewrites the registered model's meta.yaml with a new last_updated_timestamp and the aliases
   * currently in its aliases/ folder, as {@code _update_registered_model_last_updated_time} does
   * (it writes {@code dict(get_registered_model(name))}, which includes the aliases).
   */
  private void touchRegisteredModel(Path modelDir, long now) {
    Path file = modelDir.resolve(META);
    Map<String, Object> rm = new LinkedHashMap<>(MetaYaml.read(file));
    rm.remove("tags");
    rm.remove("latest_versions");
    rm.put("aliases", StoreFiles.readTree(modelDir.resolve("aliases")));
    rm.put("last_updated_timestamp", now);
    MetaYaml.write(file, rm);
  }

  private static List<Path> versionDirs(Path modelDir) {
    return StoreFiles.subdirs(modelDir).stream()
        .filter(d -> d.getFileName().toString().startsWith(VERSION_PREFIX))
        .filter(d -> versionOf(d) > 0)
        .toList();
  }

  private static int versionOf(Path versionDir) {
    try {
      return Integer.parseInt(versionDir.getFileName().toString().substring(VERSION_PREFIX.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Optional<ModelVersion> readVersion(Path meta) {
    Map<String, Object> m = MetaYaml.read(meta);
    if (STAGE_DELETED_INTERNAL.equals(m.get("current_stage"))) {
      return Optional.empty();
    }
    Object version = m.get("version");
    Object name = m.get("name");
    if (version == null || name == null) {
      throw new TrackingException("Malformed model version meta file " + meta + ": name and version are required.");
    }
    int v;
    try {
      v = version instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(version));
    } catch (NumberFormatException e) {
      throw new TrackingException("Malformed model version meta file " + meta + ": version '" + version + "'.", e);
    }
    return Optional.of(
        new ModelVersion(
            String.valueOf(name),
            v,
            m.get("source") == null ? null : String.valueOf(m.get("source")),
            m.get("run_id") == null ? null : String.valueOf(m.get("run_id")),
            ExperimentMeta.longOr(m.get("creation_timestamp"), 0L)));
  }
}
