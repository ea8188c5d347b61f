package io.coinlake.tracking;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Registered models, versions and aliases. */
public interface ModelRegistry {

  /** Creates the registered model if absent, then a new version (1, 2, ...) with this source and run id. */
  ModelVersion createVersion(String modelName, String source, String runId);

  Optional<ModelVersion> getVersion(String modelName, int version);

  Optional<ModelVersion> getByAlias(String modelName, String alias);

  /** Points the alias at an existing version (moving it if it pointed elsewhere). */
  void setAlias(String modelName, String alias, int version);

  /** All versions of the model, oldest first; empty if the model does not exist. */
  List<ModelVersion> listVersions(String modelName);

  /** Names of every registered model, sorted. */
  List<String> listModels();

  /** The model's aliases and the version each points at, sorted by alias; empty if the model does not exist. */
  Map<String, Integer> aliases(String modelName);

  /** Sets a tag on an existing model version (MLflow's {@code model-versions/set-tag}). */
  void setVersionTag(String modelName, int version, String key, String value);

  /** The tags of a model version; empty if it has none or does not exist. */
  Map<String, String> versionTags(String modelName, int version);
}
