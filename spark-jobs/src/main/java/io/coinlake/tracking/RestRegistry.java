package io.coinlake.tracking;

import static io.coinlake.tracking.MlflowApiPaths.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The model registry of a tracking server, over MLflow's REST API 2.0 ({@code registered-models/*}
 * and {@code model-versions/*}); the Java client has no registry writes. Versions and aliases
 * travel as strings, as the API defines them.
 */
final class RestRegistry implements ModelRegistry {
  /** The largest page {@code registered-models/search} allows. */
  static final int MODELS_PAGE = 1000;
  static final int VERSIONS_PAGE = 1000;

  private final MlflowHttpClient http;

  RestRegistry(MlflowHttpClient http) {
    this.http = http;
  }

  @Override
  public ModelVersion createVersion(String modelName, String source, String runId) {
    MlflowNames.modelName(modelName);
    if (source == null || source.isEmpty()) {
      throw new IllegalArgumentException("A model version needs a source URI (model " + modelName + ").");
    }
    MlflowReply created = http.post(MODEL_CREATE, Map.of("name", modelName));
    if (!created.ok() && !created.is(MlflowReply.RESOURCE_ALREADY_EXISTS)) {
      throw created.failure();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", modelName);
    body.put("source", source);
    if (runId != null) {
      body.put("run_id", MlflowNames.runId(runId));
    }
    MlflowReply reply = http.post(VERSION_CREATE, body);
    return version(reply.orThrow().path("model_version"), reply.what());
  }

  @Override
  public Optional<ModelVersion> getVersion(String modelName, int version) {
    return versionJson(modelName, version).map(json -> version(json, VERSION_GET));
  }

  private Optional<JsonNode> versionJson(String modelName, int version) {
    MlflowReply reply = http.get(VERSION_GET, Map.of("name", MlflowNames.modelName(modelName), "version", Integer.toString(version)));
    if (reply.is(MlflowReply.RESOURCE_DOES_NOT_EXIST)) {
      return Optional.empty();
    }
    return Optional.of(reply.orThrow().path("model_version"));
  }

  @Override
  public Optional<ModelVersion> getByAlias(String modelName, String alias) {
    MlflowReply reply = http.get(MODEL_ALIAS, Map.of("name", MlflowNames.modelName(modelName), "alias", MlflowNames.alias(alias)));
    if (reply.ok()) {
      return Optional.of(version(reply.json().path("model_version"), reply.what()));
    }
    if (reply.is(MlflowReply.RESOURCE_DOES_NOT_EXIST)) {
      return Optional.empty();
    }
    // MLflow answers a missing alias of an existing model with INVALID_PARAMETER_VALUE ("Registered
    // model alias X not found."); confirm from the model's alias list before calling it absent.
    if (reply.is(MlflowReply.INVALID_PARAMETER_VALUE) && !aliases(modelName).containsKey(alias)) {
      return Optional.empty();
    }
    throw reply.failure();
  }

  @Override
  public void setAlias(String modelName, String alias, int version) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", MlflowNames.modelName(modelName));
    body.put("alias", MlflowNames.alias(alias));
    body.put("version", Integer.toString(version));
    http.post(MODEL_ALIAS, body).orThrow();
  }

  @Override
  public List<ModelVersion> listVersions(String modelName) {
    String filter = "name=" + quote(MlflowNames.modelName(modelName));
    List<ModelVersion> out = new ArrayList<>();
    String pageToken = null;
    do {
      Map<String, Object> query = new LinkedHashMap<>();
      query.put("filter", filter);
      query.put("max_results", VERSIONS_PAGE);
      query.put("page_token", pageToken);
      MlflowReply reply = http.get(VERSION_SEARCH, query);
      JsonNode json = reply.orThrow();
      for (JsonNode v : json.path("model_versions")) {
        out.add(version(v, reply.what()));
      }
      pageToken = json.path("next_page_token").asText("");
    } while (!pageToken.isEmpty());
    out.sort(Comparator.comparingInt(ModelVersion::version));
    return out;
  }

  @Override
  public List<String> listModels() {
    List<String> out = new ArrayList<>();
    String pageToken = null;
    do {
      Map<String, Object> query = new LinkedHashMap<>();
      query.put("max_results", MODELS_PAGE);
      query.put("page_token", pageToken);
      MlflowReply reply = http.get(MODEL_SEARCH, query);
      JsonNode json = reply.orThrow();
      for (JsonNode m : json.path("registered_models")) {
        out.add(MlflowJson.text(m, "name", reply.what()));
      }
      pageToken = json.path("next_page_token").asText("");
    } while (!pageToken.isEmpty());
    out.sort(Comparator.naturalOrder());
    return out;
  }

  @Override
  public Map<String, Integer> aliases(String modelName) {
    MlflowReply reply = http.get(MODEL_GET, Map.of("name", MlflowNames.modelName(modelName)));
    if (reply.is(MlflowReply.RESOURCE_DOES_NOT_EXIST)) {
      return Map.of();
    }
    Map<String, Integer> out = new TreeMap<>();
    for (JsonNode a : reply.orThrow().path("registered_model").path("aliases")) {
      out.put(MlflowJson.text(a, "alias", reply.what()), (int) MlflowJson.int64(a.get("version"), 0));
    }
    return out;
  }

  @Override
  public void setVersionTag(String modelName, int version, String key, String value) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", MlflowNames.modelName(modelName));
    body.put("version", Integer.toString(version));
    body.put("key", MlflowNames.key("Tag", key));
    body.put("value", value == null ? "" : value);
    http.post(VERSION_SET_TAG, body).orThrow();
  }

  @Override
  public Map<String, String> versionTags(String modelName, int version) {
    return versionJson(modelName, version).map(json -> MlflowJson.keyValueMap(json.path("tags"))).orElse(Map.of());
  }

  private static ModelVersion version(JsonNode v, String what) {
    return new ModelVersion(
        MlflowJson.text(v, "name", what),
        (int) MlflowJson.int64(v.get("version"), 0),
        MlflowJson.text(v, "source", what),
        v.hasNonNull("run_id") && !v.get("run_id").asText().isEmpty() ? v.get("run_id").asText() : null,
        MlflowJson.int64(v.get("creation_timestamp"), 0L));
  }

  /** A string literal of MLflow's search filter: single quotes, or double quotes when the name has a single one. */
  static String quote(String value) {
    if (!value.contains("'")) {
      return "'" + value + "'";
    }
    if (!value.contains("\"")) {
      return "\"" + value + "\"";
    }
    throw new IllegalArgumentException("Registered model name " + value + " has both ' and \"; MLflow's search filter cannot quote it.");
  }
}
