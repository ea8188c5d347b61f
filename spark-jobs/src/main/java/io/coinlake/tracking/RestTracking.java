package io.coinlake.tracking;

import static io.coinlake.tracking.MlflowApiPaths.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;

/**
 * The tracking half of a tracking server, over MLflow's REST API 2.0: experiments by name, {@code
 * runs/create} with the run's tags, {@code runs/log-batch} for params, metrics and tags, {@code
 * runs/update} to end a run, and reads through {@code runs/get} and {@code metrics/get-history}.
 * Artifacts go where the run's {@code artifact_uri} says ({@link ArtifactRepositories}).
 */
final class RestTracking implements TrackingBackend {
  /** MLflow's per-request limit on params and on tags in one log-batch. */
  static final int MAX_PARAMS_TAGS_PER_BATCH = 100;

  private final MlflowHttpClient http;
  private final Supplier<Configuration> hadoop;
  private final Clock clock;
  private final Map<String, String> artifactUris = new ConcurrentHashMap<>();

  RestTracking(MlflowHttpClient http, Supplier<Configuration> hadoop, Clock clock) {
    this.http = http;
    this.hadoop = hadoop;
    this.clock = clock;
  }

  /**
   * Checks that the server answers (and accepts our credentials) with one cheap read, so a wrong
   * URI fails before any work starts. A missing experiment is fine.
   */
  void ping(String experimentName) {
    MlflowReply reply = http.get(EXPERIMENT_BY_NAME, Map.of("experiment_name", experimentName));
    if (!reply.ok() && !reply.is(MlflowReply.RESOURCE_DOES_NOT_EXIST)) {
      throw reply.failure();
    }
  }

  @Override
  public String getOrCreateExperiment(String name) {
    MlflowNames.experimentName(name);
    MlflowReply found = http.get(EXPERIMENT_BY_NAME, Map.of("experiment_name", name));
    if (found.ok()) {
      JsonNode experiment = found.json().path("experiment");
      if (!"active".equals(experiment.path("lifecycle_stage").asText("active"))) {
        throw new TrackingException("MLflow experiment '" + name + "' is deleted on " + http.baseUri()
            + ": restore it in the MLflow UI (or `mlflow experiments restore`), or set mlflow.experiment to another name");
      }
      return MlflowJson.text(experiment, "experiment_id", found.what());
    }
    if (!found.is(MlflowReply.RESOURCE_DOES_NOT_EXIST)) {
      throw found.failure();
    }
    MlflowReply created = http.post(EXPERIMENT_CREATE, Map.of("name", name));
    if (created.is(MlflowReply.RESOURCE_ALREADY_EXISTS)) { // created by someone else meanwhile
      JsonNode again = http.get(EXPERIMENT_BY_NAME, Map.of("experiment_name", name)).orThrow();
      return MlflowJson.text(again.path("experiment"), "experiment_id", EXPERIMENT_BY_NAME);
    }
    return MlflowJson.text(created.orThrow(), "experiment_id", created.what());
  }

  @Override
  public String startRun(String experimentId, String runName, String parentRunIdOrNull, Map<String, String> tags) {
    Map<String, String> allTags = new LinkedHashMap<>();
    allTags.put(MlflowTags.USER, System.getProperty("user.name", "unknown"));
    allTags.put(MlflowTags.SOURCE_NAME, sourceName());
    allTags.put(MlflowTags.SOURCE_TYPE, MlflowTags.SOURCE_TYPE_LOCAL);
    if (tags != null) {
      allTags.putAll(tags);
    }
    if (parentRunIdOrNull != null) {
      allTags.put(MlflowTags.PARENT_RUN_ID, MlflowNames.runId(parentRunIdOrNull));
    }
    String tagName = allTags.get(MlflowTags.RUN_NAME);
    if (runName != null && tagName != null && !runName.equals(tagName)) {
      throw new IllegalArgumentException("Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different"
          + " values (run_name='" + runName + "', mlflow.runName='" + tagName + "').");
    }
    String name = runName != null ? runName : tagName != null ? tagName : RunNames.random();
    allTags.put(MlflowTags.RUN_NAME, name);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("experiment_id", experimentId);
    body.put("user_id", allTags.get(MlflowTags.USER));
    body.put("run_name", name);
    body.put("start_time", clock.millis());
    body.put("tags", MlflowJson.keyValues(allTags));
    MlflowReply reply = http.post(RUN_CREATE, body);
    JsonNode info = reply.orThrow().path("run").path("info");
    String runId = MlflowJson.text(info, "run_id", reply.what());
    if (info.hasNonNull("artifact_uri")) {
      artifactUris.put(runId, info.get("artifact_uri").asText());
    }
    return runId;
  }

  /**
   * Creates a run with exactly these attributes (publishing keeps a run's name, user, start time
   * and tags); returns its id.
   */
  String createRunAs(String experimentId, String runName, String userId, long startTime, Map<String, String> tags) {
    Map<String, String> allTags = new LinkedHashMap<>(tags);
    allTags.put(MlflowTags.RUN_NAME, runName);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("experiment_id", experimentId);
    if (userId != null) {
      body.put("user_id", userId);
    }
    body.put("run_name", runName);
    body.put("start_time", startTime);
    body.put("tags", MlflowJson.keyValues(allTags));
    MlflowReply reply = http.post(RUN_CREATE, body);
    JsonNode info = reply.orThrow().path("run").path("info");
    String runId = MlflowJson.text(info, "run_id", reply.what());
    if (info.hasNonNull("artifact_uri")) {
      artifactUris.put(runId, info.get("artifact_uri").asText());
    }
    return runId;
  }

  /** The id of an active run of the experiment whose tag {@code key} is {@code value}, if any ({@code runs/search}). */
  java.util.Optional<String> findRunByTag(String experimentId, String key, String value) {
    if (value.contains("'")) {
      throw new IllegalArgumentException("cannot search for a tag value with a quote: " + value);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("experiment_ids", List.of(experimentId));
    body.put("filter", "tags.`" + key + "` = '" + value + "'");
    body.put("run_view_type", "ACTIVE_ONLY");
    body.put("max_results", 1);
    JsonNode runs = http.post(RUN_SEARCH, body).orThrow().path("runs");
    return runs.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(runs.get(0).path("info").path("run_id").asText());
  }

  private static String sourceName() {
    String command = System.getProperty("sun.java.command");
    return command == null || command.isBlank() ? "<console>" : command.strip().split("\\s+")[0];
  }

  @Override
  public void logParams(String runId, Map<String, String> params) {
    logBatch(runId, "params", new ArrayList<>(MlflowJson.keyValues(params)));
  }

  @Override
  public void logMetric(String runId, String key, double value, long step) {
    Map<String, Object> metric = new LinkedHashMap<>();
    metric.put("key", key);
    metric.put("value", value);
    metric.put("timestamp", clock.millis());
    metric.put("step", step);
    logBatch(runId, "metrics", List.of(metric));
  }

  /** Logs whole metric histories in batches of up to 1000 points (publishing replays them). */
  void logMetricPoints(String runId, String key, List<MetricPoint> points) {
    List<Object> metrics = new ArrayList<>();
    for (MetricPoint p : points) {
      Map<String, Object> metric = new LinkedHashMap<>();
      metric.put("key", key);
      metric.put("value", p.value());
      metric.put("timestamp", p.timestampMs());
      metric.put("step", p.step());
      metrics.add(metric);
    }
    for (int i = 0; i < metrics.size(); i += 1000) {
      postBatch(runId, "metrics", metrics.subList(i, Math.min(metrics.size(), i + 1000)));
    }
  }

  @Override
  public void setTags(String runId, Map<String, String> tags) {
    logBatch(runId, "tags", new ArrayList<>(MlflowJson.keyValues(tags)));
  }

  private void logBatch(String runId, String field, List<?> entries) {
    int chunk = field.equals("metrics") ? 1000 : MAX_PARAMS_TAGS_PER_BATCH;
    for (int i = 0; i < entries.size(); i += chunk) {
      postBatch(runId, field, entries.subList(i, Math.min(entries.size(), i + chunk)));
    }
  }

  private void postBatch(String runId, String field, List<?> entries) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("run_id", MlflowNames.runId(runId));
    body.put(field, entries);
    http.post(RUN_LOG_BATCH, body).orThrow();
  }

  @Override
  public String logArtifacts(String runId, Path local, String artifactPath) {
    return RunArtifacts.upload(artifacts(runId), runId, local, artifactPath);
  }

  @Override
  public void deleteArtifacts(String runId, String artifactPath) {
    RunArtifacts.delete(artifacts(runId), runId, artifactPath);
  }

  @Override
  public void downloadArtifacts(String runId, String artifactPath, Path localDir) {
    RunArtifacts.download(artifacts(runId), runId, artifactPath, localDir);
  }

  private ArtifactRepository artifacts(String runId) {
    return ArtifactRepositories.forRoot(artifactUri(runId), http, hadoop);
  }

  @Override
  public String artifactUri(String runId) {
    return artifactUris.computeIfAbsent(MlflowNames.runId(runId), id -> {
      MlflowReply reply = http.get(RUN_GET, Map.of("run_id", id));
      return MlflowJson.text(run(reply, id).path("info"), "artifact_uri", reply.what());
    });
  }

  @Override
  public void endRun(String runId, RunStatus status) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("run_id", MlflowNames.runId(runId));
    body.put("status", status.name());
    body.put("end_time", clock.millis());
    http.post(RUN_UPDATE, body).orThrow();
  }

  /** Sets status and end time to given values (publishing keeps the original end time). */
  void updateRun(String runId, RunStatus status, Long endTime) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("run_id", MlflowNames.runId(runId));
    body.put("status", status.name());
    if (endTime != null) {
      body.put("end_time", endTime);
    }
    http.post(RUN_UPDATE, body).orThrow();
  }

  @Override
  public List<MetricPoint> metricHistory(String runId, String key) {
    List<MetricPoint> out = new ArrayList<>();
    String pageToken = null;
    do {
      Map<String, Object> query = new LinkedHashMap<>();
      query.put("run_id", MlflowNames.runId(runId));
      query.put("metric_key", key);
      query.put("page_token", pageToken);
      JsonNode json = http.get(METRIC_HISTORY, query).orThrow();
      for (JsonNode m : json.path("metrics")) {
        out.add(new MetricPoint(MlflowJson.int64(m.get("timestamp"), 0L), MlflowJson.number(m.path("value")),
            MlflowJson.int64(m.get("step"), 0L)));
      }
      pageToken = json.path("next_page_token").asText("");
    } while (!pageToken.isEmpty());
    // newest last, as the interface promises; a stable sort keeps the server's order of equal times
    out.sort(java.util.Comparator.comparingLong(MetricPoint::timestampMs));
    return out;
  }

  @Override
  public Map<String, String> params(String runId) {
    return MlflowJson.keyValueMap(getRun(runId).path("data").path("params"));
  }

  @Override
  public Map<String, String> tags(String runId) {
    return MlflowJson.keyValueMap(getRun(runId).path("data").path("tags"));
  }

  /** The {@code run} object of {@code runs/get}. */
  JsonNode getRun(String runId) {
    return run(http.get(RUN_GET, Map.of("run_id", MlflowNames.runId(runId))), runId);
  }

  private static JsonNode run(MlflowReply reply, String runId) {
    if (reply.is(MlflowReply.RESOURCE_DOES_NOT_EXIST)) {
      throw new TrackingException("Run '" + runId + "' not found on the tracking server (" + reply.what() + ": " + reply.message() + ")");
    }
    return reply.orThrow().path("run");
  }
}
