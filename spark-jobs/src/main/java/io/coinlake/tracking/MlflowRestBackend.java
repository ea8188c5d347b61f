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
public final class MlflowRestBackend extends TrackingAndRegistry {
  private final MlflowHttpClient http;
  private final RestTracking tracking;

  MlflowRestBackend(MlflowHttpClient http, Supplier<Configuration> hadoop, Clock clock) {
    this(http, new RestTracking(http, hadoop, clock));
  }

  private MlflowRestBackend(MlflowHttpClient http, RestTracking tracking) {
    super(tracking, new RestRegistry(http));
    this.http = http;
    this.tracking = tracking;
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
}
