package io.coinlake.testing;

import static io.coinlake.testing.FakeMlflowReply.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The state of {@link FakeMlflowServer}: experiments, runs with params, metric histories and tags,
 * registered models with versions, aliases and version tags, and proxied artifacts, behaving as
 * MLflow 2.17's server does for the calls coinlake makes (ids and versions are strings, a missing
 * resource is 404 RESOURCE_DOES_NOT_EXIST, a duplicate 400 RESOURCE_ALREADY_EXISTS, a missing alias
 * 400 INVALID_PARAMETER_VALUE, a changed param 400 INVALID_PARAMETER_VALUE, a missing proxied artifact
 * 500 INTERNAL_ERROR; see /work/tools/mlflow-rest-samples.md for the real answers). Tests read it directly
 * to assert what reached the "server".
 */
public final class FakeMlflowStore {
  /** An experiment. */
  public record Experiment(String id, String name, String artifactLocation, long created) {}

  /** A run; mutable like the server's row. */
  public static final class Run {
    public final String id;
    public final String experimentId;
    public final String name;
    public final String user;
    public final long start;
    public final String artifactUri;
    public String status = "RUNNING";
    public Long end;
    public final Map<String, String> params = new LinkedHashMap<>();
    public final Map<String, String> tags = new LinkedHashMap<>();
    /** Per key, the points {timestamp, value, step} in logged order. */
    public final Map<String, List<double[]>> metrics = new LinkedHashMap<>();

    Run(String id, String experimentId, String name, String user, long start, String artifactUri) {
      this.id = id;
      this.experimentId = experimentId;
      this.name = name;
      this.user = user;
      this.start = start;
      this.artifactUri = artifactUri;
    }
  }

  /** A registered model version. */
  public static final class Version {
    public final int version;
    public final String source;
    public final String runId;
    public final long created;
    public final Map<String, String> tags = new TreeMap<>();

    Version(int version, String source, String runId, long created) {
      this.version = version;
      this.source = source;
      this.runId = runId;
      this.created = created;
    }
  }

  /** A registered model. */
  public static final class Model {
    public final String name;
    public final long created;
    public final Map<String, Integer> aliases = new TreeMap<>();
    public final List<Version> versions = new ArrayList<>();

    Model(String name, long created) {
      this.name = name;
      this.created = created;
    }
  }

  private static final Pattern NAME_FILTER = Pattern.compile("^\\s*name\\s*=\\s*(['\"])(.*)\\1\\s*$");
  private static final Pattern TAG_CONDITION = Pattern.compile("^\\s*tags\\.(`[^`]+`|[\\w.]+)\\s*=\\s*'([^']*)'\\s*$");

  private final Map<String, Experiment> experiments = new LinkedHashMap<>();
  private final Map<String, Run> runs = new LinkedHashMap<>();
  private final Map<String, Model> models = new TreeMap<>();
  private final Map<String, byte[]> artifacts = new TreeMap<>();
  private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
  private String artifactRoot = "mlflow-artifacts:";
  private int pageCap = Integer.MAX_VALUE;

  FakeMlflowStore() {
    experiments.put("0", new Experiment("0", "Default", artifactRoot + "/0", now()));
  }

  /** The default artifact root, as {@code mlflow server --default-artifact-root} (default {@code mlflow-artifacts:}). */
  public synchronized void artifactRoot(String root) {
    this.artifactRoot = root.replaceAll("/+$", "");
  }

  /** Answers searches with at most this many items per page, so paging is exercised with few items. */
  public synchronized void pageCap(int cap) {
    this.pageCap = cap;
  }

  public synchronized List<Experiment> experiments() {
    return List.copyOf(experiments.values());
  }

  public synchronized List<Run> runs() {
    return List.copyOf(runs.values());
  }

  public synchronized Run run(String id) {
    return runs.get(id);
  }

  public synchronized Model model(String name) {
    return models.get(name);
  }

  /** Proxied artifacts by path below the proxy root, e.g. {@code 1/<run>/artifacts/model/MLmodel}. */
  public synchronized Map<String, byte[]> artifacts() {
    return new TreeMap<>(artifacts);
  }

  private long now() {
    return clock.incrementAndGet();
  }

  synchronized FakeMlflowReply handle(String rpc, Map<String, List<String>> query, JsonNode body, String artifactPath, byte[] raw) {
    return switch (rpc) {
      case "getExperimentByName" -> experimentByName(first(query, "experiment_name"));
      case "createExperiment" -> createExperiment(body.path("name").asText());
      case "createRun" -> createRun(body);
      case "logBatch" -> logBatch(body);
      case "updateRun" -> updateRun(body);
      case "getRun" -> getRun(first(query, "run_id"));
      case "getMetricHistory" -> metricHistory(first(query, "run_id"), first(query, "metric_key"));
      case "searchRuns" -> searchRuns(body);
      case "createRegisteredModel" -> createModel(body.path("name").asText());
      case "getRegisteredModel" -> getModel(first(query, "name"));
      case "searchRegisteredModels" -> searchModels(query);
      case "setRegisteredModelAlias" -> setAlias(body);
      case "getModelVersionByAlias" -> versionByAlias(first(query, "name"), first(query, "alias"));
      case "createModelVersion" -> createVersion(body);
      case "getModelVersion" -> getVersion(first(query, "name"), first(query, "version"));
      case "searchModelVersions" -> searchVersions(query);
      case "setModelVersionTag" -> setVersionTag(body);
      case "uploadArtifact" -> {
        artifacts.put(artifactPath, raw);
        yield FakeMlflowReply.ok();
      }
      case "downloadArtifact" -> artifacts.containsKey(artifactPath) ? FakeMlflowReply.bytes(artifacts.get(artifactPath))
          : FakeMlflowReply.error(500, "INTERNAL_ERROR", "The following failures occurred while downloading one or more artifacts"
              + " from /srv/artifacts:\n##### File " + artifactPath + " #####\n[Errno 2] No such file or directory: '/srv/artifacts/"
              + artifactPath + "'");
      case "listArtifacts" -> listArtifacts(first(query, "path"));
      case "deleteArtifact" -> {
        artifacts.keySet().removeIf(p -> p.equals(artifactPath) || p.startsWith(artifactPath + "/"));
        yield FakeMlflowReply.ok();
      }
      default -> FakeMlflowReply.error(501, "NOT_IMPLEMENTED", "the fake server does not implement " + rpc);
    };
  }

  private static String first(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  // ---- experiments and runs

  private FakeMlflowReply experimentByName(String name) {
    for (Experiment e : experiments.values()) {
      if (e.name().equals(name)) {
        ObjectNode out = JSON.createObjectNode();
        out.set("experiment", experimentJson(e));
        return FakeMlflowReply.ok(out);
      }
    }
    return FakeMlflowReply.notFound("Could not find experiment with name '" + name + "'");
  }

  private ObjectNode experimentJson(Experiment e) {
    ObjectNode json = JSON.createObjectNode();
    json.put("experiment_id", e.id());
    json.put("name", e.name());
    json.put("artifact_location", e.artifactLocation());
    json.put("lifecycle_stage", "active");
    json.put("last_update_time", e.created());
    json.put("creation_time", e.created());
    return json;
  }

  private FakeMlflowReply createExperiment(String name) {
    if (experiments.values().stream().anyMatch(e -> e.name().equals(name))) {
      return FakeMlflowReply.error(400, "RESOURCE_ALREADY_EXISTS", "Experiment '" + name + "' already exists.");
    }
    String id = Integer.toString(experiments.size());
    experiments.put(id, new Experiment(id, name, artifactRoot + "/" + id, now()));
    ObjectNode out = JSON.createObjectNode();
    out.put("experiment_id", id);
    return FakeMlflowReply.ok(out);
  }

  private FakeMlflowReply createRun(JsonNode body) {
    String experimentId = body.path("experiment_id").asText("0");
    Experiment experiment = experiments.get(experimentId);
    if (experiment == null) {
      return FakeMlflowReply.notFound("No Experiment with id=" + experimentId + " exists");
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (JsonNode tag : body.path("tags")) {
      tags.put(tag.path("key").asText(), tag.path("value").asText(""));
    }
    String runName = body.path("run_name").asText("");
    String tagName = tags.get("mlflow.runName");
    if (!runName.isEmpty() && tagName != null && !tagName.equals(runName)) {
      return FakeMlflowReply.invalid("Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values");
    }
    String name = !runName.isEmpty() ? runName : tagName != null ? tagName : "fake-run-" + runs.size();
    tags.put("mlflow.runName", name);
    String id = UUID.randomUUID().toString().replace("-", "");
    long start = body.hasNonNull("start_time") ? body.get("start_time").asLong() : now();
    Run run = new Run(id, experimentId, name, body.path("user_id").asText(""), start,
        experiment.artifactLocation() + "/" + id + "/artifacts");
    run.tags.putAll(tags);
    runs.put(id, run);
    ObjectNode out = JSON.createObjectNode();
    out.set("run", runJson(run));
    return FakeMlflowReply.ok(out);
  }

  private ObjectNode runJson(Run run) {
    ObjectNode json = JSON.createObjectNode();
    json.set("info", runInfo(run));
    ObjectNode data = json.putObject("data");
    ArrayNode metrics = data.putArray("metrics");
    run.metrics.forEach((key, points) -> {
      double[] last = points.get(points.size() - 1);
      metrics.add(metricJson(key, last));
    });
    data.set("params", keyValues(run.params));
    data.set("tags", keyValues(run.tags));
    json.putObject("inputs");
    return json;
  }

  private static ObjectNode runInfo(Run run) {
    ObjectNode info = JSON.createObjectNode();
    info.put("run_id", run.id);
    info.put("run_uuid", run.id);
    info.put("run_name", run.name);
    info.put("experiment_id", run.experimentId);
    info.put("user_id", run.user);
    info.put("status", run.status);
    info.put("start_time", run.start);
    if (run.end != null) {
      info.put("end_time", run.end);
    }
    info.put("artifact_uri", run.artifactUri);
    info.put("lifecycle_stage", "active");
    return info;
  }

  private static ObjectNode metricJson(String key, double[] point) {
    ObjectNode m = JSON.createObjectNode();
    m.put("key", key);
    m.put("value", point[1]);
    m.put("timestamp", (long) point[0]);
    m.put("step", (long) point[2]);
    return m;
  }

  private static ArrayNode keyValues(Map<String, String> entries) {
    ArrayNode out = JSON.createArrayNode();
    entries.forEach((k, v) -> out.addObject().put("key", k).put("value", v));
    return out;
  }

  private FakeMlflowReply logBatch(JsonNode body) {
    Run run = runs.get(body.path("run_id").asText());
    if (run == null) {
      return FakeMlflowReply.notFound("Run with id=" + body.path("run_id").asText() + " not found");
    }
    for (JsonNode p : body.path("params")) {
      String key = p.path("key").asText();
      String value = p.path("value").asText("");
      String old = run.params.get(key);
      if (old != null && !old.equals(value)) {
        return FakeMlflowReply.invalid("Changing param values is not allowed. Param with key='" + key + "' was already logged with value='"
            + old + "' for run ID='" + run.id + "'. Attempted logging new value '" + value + "'.");
      }
    }
    for (JsonNode p : body.path("params")) {
      run.params.put(p.path("key").asText(), p.path("value").asText(""));
    }
    for (JsonNode m : body.path("metrics")) {
      double value = m.path("value").isTextual() ? Double.parseDouble(m.path("value").asText())
          : m.path("value").asDouble();
      run.metrics.computeIfAbsent(m.path("key").asText(), k -> new ArrayList<>())
          .add(new double[] {m.path("timestamp").asLong(), value, m.path("step").asLong(0)});
    }
    for (JsonNode t : body.path("tags")) {
      run.tags.put(t.path("key").asText(), t.path("value").asText(""));
    }
    return FakeMlflowReply.ok();
  }

  private FakeMlflowReply updateRun(JsonNode body) {
    Run run = runs.get(body.path("run_id").asText());
    if (run == null) {
      return FakeMlflowReply.notFound("Run with id=" + body.path("run_id").asText() + " not found");
    }
    if (body.hasNonNull("status")) {
      run.status = body.get("status").asText();
    }
    if (body.hasNonNull("end_time")) {
      run.end = body.get("end_time").asLong();
    }
    ObjectNode out = JSON.createObjectNode();
    out.set("run_info", runInfo(run));
    return FakeMlflowReply.ok(out);
  }

  private FakeMlflowReply getRun(String id) {
    Run run = runs.get(id);
    if (run == null) {
      return FakeMlflowReply.notFound("Run with id=" + id + " not found");
    }
    ObjectNode out = JSON.createObjectNode();
    out.set("run", runJson(run));
    return FakeMlflowReply.ok(out);
  }

  private FakeMlflowReply metricHistory(String runId, String key) {
    Run run = runs.get(runId);
    if (run == null) {
      return FakeMlflowReply.notFound("Run with id=" + runId + " not found");
    }
    ObjectNode out = JSON.createObjectNode();
    ArrayNode metrics = out.putArray("metrics");
    run.metrics.getOrDefault(key, List.of()).forEach(p -> metrics.add(metricJson(key, p)));
    return FakeMlflowReply.ok(out);
  }

  /** Supports what publishing asks: experiment ids and a filter of {@code tags.<key> = '<value>'} joined by AND. */
  private FakeMlflowReply searchRuns(JsonNode body) {
    List<String> experimentIds = new ArrayList<>();
    body.path("experiment_ids").forEach(id -> experimentIds.add(id.asText()));
    Map<String, String> wanted = new LinkedHashMap<>();
    String filter = body.path("filter").asText("");
    if (!filter.isBlank()) {
      for (String condition : filter.split("(?i)\\s+and\\s+")) {
        Matcher m = TAG_CONDITION.matcher(condition);
        if (!m.matches()) {
          return FakeMlflowReply.invalid("the fake server cannot parse the filter condition '" + condition + "'");
        }
        wanted.put(m.group(1).replace("`", ""), m.group(2));
      }
    }
    List<Run> matches = runs.values().stream()
        .filter(r -> experimentIds.contains(r.experimentId))
        .filter(r -> wanted.entrySet().stream().allMatch(w -> w.getValue().equals(r.tags.get(w.getKey()))))
        .toList();
    int max = body.hasNonNull("max_results") ? body.get("max_results").asInt() : 1000;
    return page(matches, body.path("page_token").asText(""), max, "runs", this::runJson);
  }

  private <T> FakeMlflowReply page(List<T> all, String token, int requested, String field, java.util.function.Function<T, JsonNode> json) {
    int max = Math.min(requested, pageCap);
    int from = token.isEmpty() ? 0 : Integer.parseInt(token);
    ObjectNode out = JSON.createObjectNode();
    ArrayNode items = out.putArray(field);
    int to = Math.min(all.size(), from + max);
    for (T item : all.subList(from, to)) {
      items.add(json.apply(item));
    }
    if (to < all.size()) {
      out.put("next_page_token", Integer.toString(to));
    }
    return FakeMlflowReply.ok(out);
  }

  // ---- registry

  private FakeMlflowReply createModel(String name) {
    if (models.containsKey(name)) {
      return FakeMlflowReply.error(400, "RESOURCE_ALREADY_EXISTS", "Registered Model (name=" + name + ") already exists.");
    }
    Model model = new Model(name, now());
    models.put(name, model);
    ObjectNode out = JSON.createObjectNode();
    out.set("registered_model", modelJson(model));
    return FakeMlflowReply.ok(out);
  }

  private ObjectNode modelJson(Model model) {
    ObjectNode json = JSON.createObjectNode();
    json.put("name", model.name);
    json.put("creation_timestamp", model.created);
    json.put("last_updated_timestamp", model.created);
    ArrayNode latest = json.putArray("latest_versions");
    if (!model.versions.isEmpty()) {
      latest.add(versionJson(model, model.versions.get(model.versions.size() - 1)));
    }
    ArrayNode aliases = json.putArray("aliases");
    model.aliases.forEach((alias, version) -> aliases.addObject().put("alias", alias).put("version", Integer.toString(version)));
    json.putArray("tags");
    return json;
  }

  private static ObjectNode versionJson(Model model, Version v) {
    ObjectNode json = JSON.createObjectNode();
    json.put("name", model.name);
    json.put("version", Integer.toString(v.version));
    json.put("creation_timestamp", v.created);
    json.put("last_updated_timestamp", v.created);
    json.put("current_stage", "None");
    json.put("description", "");
    json.put("source", v.source);
    if (v.runId != null) {
      json.put("run_id", v.runId);
    }
    json.put("status", "READY");
    json.set("tags", keyValues(v.tags));
    ArrayNode aliases = json.putArray("aliases");
    model.aliases.forEach((alias, version) -> {
      if (version == v.version) {
        aliases.add(alias);
      }
    });
    return json;
  }

  private FakeMlflowReply getModel(String name) {
    Model model = models.get(name);
    if (model == null) {
      return FakeMlflowReply.notFound("Registered Model with name=" + name + " not found");
    }
    ObjectNode out = JSON.createObjectNode();
    out.set("registered_model", modelJson(model));
    return FakeMlflowReply.ok(out);
  }

  private FakeMlflowReply searchModels(Map<String, List<String>> query) {
    int max = first(query, "max_results") == null ? 100 : Integer.parseInt(first(query, "max_results"));
    if (max > 1000) {
      return FakeMlflowReply.invalid("Invalid value for request parameter max_results. It must be at most 1000, but got value " + max);
    }
    String token = first(query, "page_token");
    return page(new ArrayList<>(models.values()), token == null ? "" : token, max, "registered_models", this::modelJson);
  }

  private FakeMlflowReply setAlias(JsonNode body) {
    Model model = models.get(body.path("name").asText());
    if (model == null) {
      return FakeMlflowReply.notFound("Registered Model with name=" + body.path("name").asText() + " not found");
    }
    int version = Integer.parseInt(body.path("version").asText());
    if (model.versions.stream().noneMatch(v -> v.version == version)) {
      return FakeMlflowReply.notFound("Model Version (name=" + model.name + ", version=" + version + ") not found");
    }
    model.aliases.put(body.path("alias").asText(), version);
    return FakeMlflowReply.ok();
  }

  private FakeMlflowReply versionByAlias(String name, String alias) {
    Model model = models.get(name);
    if (model == null) {
      return FakeMlflowReply.notFound("Registered Model with name=" + name + " not found");
    }
    Integer version = model.aliases.get(alias);
    if (version == null) {
      return FakeMlflowReply.invalid("Registered model alias " + alias + " not found.");
    }
    return getVersion(name, Integer.toString(version));
  }

  private FakeMlflowReply createVersion(JsonNode body) {
    Model model = models.get(body.path("name").asText());
    if (model == null) {
      return FakeMlflowReply.notFound("Registered Model with name=" + body.path("name").asText() + " not found");
    }
    Version v = new Version(model.versions.size() + 1, body.path("source").asText(),
        body.hasNonNull("run_id") ? body.get("run_id").asText() : null, now());
    model.versions.add(v);
    ObjectNode out = JSON.createObjectNode();
    out.set("model_version", versionJson(model, v));
    return FakeMlflowReply.ok(out);
  }

  private FakeMlflowReply getVersion(String name, String version) {
    Model model = models.get(name);
    Version v = model == null ? null
        : model.versions.stream().filter(x -> Integer.toString(x.version).equals(version)).findFirst().orElse(null);
    if (v == null) {
      return FakeMlflowReply.notFound("Model Version (name=" + name + ", version=" + version + ") not found");
    }
    ObjectNode out = JSON.createObjectNode();
    out.set("model_version", versionJson(model, v));
    return FakeMlflowReply.ok(out);
  }

  private FakeMlflowReply searchVersions(Map<String, List<String>> query) {
    String filter = first(query, "filter");
    List<ObjectNode> found = new ArrayList<>();
    String onlyName = null;
    if (filter != null && !filter.isBlank()) {
      Matcher m = NAME_FILTER.matcher(filter);
      if (!m.matches()) {
        return FakeMlflowReply.invalid("the fake server only supports the filter name='...', got " + filter);
      }
      onlyName = m.group(2);
    }
    for (Model model : models.values()) {
      if (onlyName == null || model.name.equals(onlyName)) {
        // newest first, as the server orders by last update
        for (int i = model.versions.size() - 1; i >= 0; i--) {
          found.add(versionJson(model, model.versions.get(i)));
        }
      }
    }
    int max = first(query, "max_results") == null ? 10000 : Integer.parseInt(first(query, "max_results"));
    String token = first(query, "page_token");
    return page(found, token == null ? "" : token, max, "model_versions", n -> n);
  }

  private FakeMlflowReply setVersionTag(JsonNode body) {
    Model model = models.get(body.path("name").asText());
    String version = body.path("version").asText();
    Version v = model == null ? null
        : model.versions.stream().filter(x -> Integer.toString(x.version).equals(version)).findFirst().orElse(null);
    if (v == null) {
      return FakeMlflowReply.notFound("Model Version (name=" + body.path("name").asText() + ", version=" + version + ") not found");
    }
    v.tags.put(body.path("key").asText(), body.path("value").asText(""));
    return FakeMlflowReply.ok();
  }

  // ---- artifacts

  private FakeMlflowReply listArtifacts(String path) {
    String dir = path == null ? "" : path.replaceAll("^/+|/+$", "");
    String prefix = dir.isEmpty() ? "" : dir + "/";
    Map<String, long[]> children = new TreeMap<>(); // name -> {isDir, size}
    for (Map.Entry<String, byte[]> e : artifacts.entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        continue;
      }
      String rest = e.getKey().substring(prefix.length());
      int slash = rest.indexOf('/');
      if (slash < 0) {
        children.put(rest, new long[] {0, e.getValue().length});
      } else {
        children.put(rest.substring(0, slash), new long[] {1, 0});
      }
    }
    ObjectNode out = JSON.createObjectNode();
    ArrayNode files = out.putArray("files");
    children.forEach((name, info) -> {
      ObjectNode f = files.addObject().put("path", name).put("is_dir", info[0] == 1);
      if (info[0] == 0) {
        f.put("file_size", info[1]);
      }
    });
    return FakeMlflowReply.ok(out);
  }
}
