package io.coinlake.tracking;

import io.coinlake.config.HttpConfig;
import io.coinlake.fetch.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;

/**
 * An MLflow tracking server ({@code http(s)://}) as the tracking backend and model registry: runs,
 * params, metrics and tags through {@link RestTracking}, registered models, versions, aliases and
 * version tags through {@link RestRegistry}, artifacts where each run's {@code artifact_uri} points.
 * All calls share one {@link MlflowHttpClient} (auth, timeouts, retries).
 */
public final class MlflowRestBackend implements TrackingBackend, ModelRegistry {
  private final MlflowHttpClient http;
  private final RestTracking tracking;
  private final RestRegistry registry;

  MlflowRestBackend(MlflowHttpClient http, Supplier<Configuration> hadoop, Clock clock) {
    this.http = http;
    this.tracking = new RestTracking(http, hadoop, clock);
    this.registry = new RestRegistry(http);
  }

  /**
   * A backend for {@code trackingUri}; {@code source} names where the URI came from (for messages),
   * {@code env} supplies the credentials, {@code hadoop} the configuration for {@code s3://}
   * artifact roots (called only when one is met).
   */
  public static MlflowRestBackend connect(String trackingUri, String source, Map<String, String> env, HttpConfig config,
      Supplier<Configuration> hadoop) {
    return connect(trackingUri, source, env, config, hadoop, Clock.systemUTC(), Sleeper.system(),
        () -> ThreadLocalRandom.current().nextDouble());
  }

  /** With an explicit clock, sleeper and random source, for tests. */
  static MlflowRestBackend connect(String trackingUri, String source, Map<String, String> env, HttpConfig config,
      Supplier<Configuration> hadoop, Clock clock, Sleeper sleeper, DoubleSupplier random) {
    MlflowHttpClient http = new MlflowHttpClient(trackingUri, source, MlflowCredentials.fromEnv(env), config, clock, sleeper, random);
    return new MlflowRestBackend(http, hadoop, clock);
  }

  /** The tracking URI, without a trailing slash. */
  public String trackingUri() {
    return http.baseUri();
  }

  /**
   * One cheap read ({@code experiments/get-by-name}) that fails with a one-line {@link
   * TrackingException} when the server is unreachable, is not MLflow, or refuses our credentials.
   */
  public void ping(String experimentName) {
    tracking.ping(experimentName);
  }

  RestTracking restTracking() {
    return tracking;
  }

  MlflowHttpClient http() {
    return http;
  }

  @Override
  public String getOrCreateExperiment(String name) {
    return tracking.getOrCreateExperiment(name);
  }

  @Override
  public String startRun(String experimentId, String runName, String parentRunIdOrNull, Map<String, String> tags) {
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
