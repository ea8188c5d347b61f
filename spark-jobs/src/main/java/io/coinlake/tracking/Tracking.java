package io.coinlake.tracking;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.ConfigException;
import io.coinlake.config.MlflowConfig;
import io.coinlake.config.S3Config;
import io.coinlake.lake.HadoopSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The tracking backend and model registry in effect. The tracking URI is the environment variable
 * {@code MLFLOW_TRACKING_URI} when set, else {@code mlflow.trackingUri}: {@code http(s)://} is an
 * MLflow tracking server ({@link MlflowRestBackend}, checked with one request when opened, so a
 * wrong or unreachable server fails before any Spark work), anything else a file store directory
 * ({@link FileStoreBackend}, the default ./mlruns).
 */
public record Tracking(TrackingBackend runs, ModelRegistry registry) {
  public static final String TRACKING_URI_ENV = "MLFLOW_TRACKING_URI";

  /** The backend for a job: the config's mlflow and s3 settings, credentials from the process environment. */
  public static Tracking open(CoinlakeConfig config) {
    return open(config.mlflow(), config.s3(), System.getenv());
  }

  /** As {@link #open(CoinlakeConfig)}, with S3A's default settings for s3:// artifact roots. */
  public static Tracking open(MlflowConfig config) {
    return open(config, System.getenv());
  }

  public static Tracking open(MlflowConfig config, Map<String, String> env) {
    return open(config, S3Config.aws(), env);
  }

  public static Tracking open(MlflowConfig config, S3Config s3, Map<String, String> env) {
    String uri = effectiveUri(config, env);
    String source = sourceOf(env);
    if (isServer(uri)) {
      MlflowRestBackend server = server(uri, source, config, s3, env);
      return new Tracking(server, server);
    }
    if (uri.equals("databricks") || uri.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*") && !uri.startsWith("file:")) {
      throw new ConfigException(source + ": tracking URI " + uri + " is not supported; use http(s)://host:port for an MLflow"
          + " tracking server or a directory such as ./mlruns for the file store");
    }
    Path root = Path.of(uri.startsWith("file:") ? URI.create(uri).getPath() : uri).toAbsolutePath().normalize();
    FileStoreBackend store = new FileStoreBackend(root);
    return new Tracking(store, store);
  }

  /**
   * A tracking server at {@code uri}, checked with one request: the URI must be http(s) without
   * credentials (they come from {@code env}); {@code source} names where it came from, for messages.
   */
  public static MlflowRestBackend server(String uri, String source, MlflowConfig config, S3Config s3, Map<String, String> env) {
    if (!isServer(uri)) {
      throw new ConfigException(source + ": " + uri + " is not an MLflow tracking server URI; use http(s)://host:port");
    }
    checkServerUri(uri, source);
    MlflowRestBackend server = MlflowRestBackend.connect(uri, source, env, config.http(), () -> HadoopSettings.configuration(s3));
    server.ping(config.experiment());
    return server;
  }

  /** {@code MLFLOW_TRACKING_URI} when set and not blank, else {@code mlflow.trackingUri}. */
  public static String effectiveUri(MlflowConfig config, Map<String, String> env) {
    String fromEnv = env.get(TRACKING_URI_ENV);
    return fromEnv != null && !fromEnv.isBlank() ? fromEnv.strip() : config.trackingUri();
  }

  /** True for an http(s) tracking server URI. */
  public static boolean isServer(String uri) {
    String lower = uri.toLowerCase(Locale.ROOT);
    return lower.startsWith("http://") || lower.startsWith("https://");
  }

  private static String sourceOf(Map<String, String> env) {
    String fromEnv = env.get(TRACKING_URI_ENV);
    return fromEnv != null && !fromEnv.isBlank() ? TRACKING_URI_ENV : "mlflow.trackingUri";
  }

  /** A server URI must have a host and must not carry credentials (they belong in the environment). */
  private static void checkServerUri(String uri, String source) {
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      throw new ConfigException(source + ": the tracking URI is not a valid URL (" + e.getReason() + ")");
    }
    if (parsed.getRawUserInfo() != null) {
      throw new ConfigException(source + ": the tracking URI must not contain credentials (user:secret@); remove them and export "
          + MlflowCredentials.TOKEN + ", or " + MlflowCredentials.USERNAME + " and " + MlflowCredentials.PASSWORD);
    }
    if (parsed.getHost() == null || parsed.getRawQuery() != null || parsed.getRawFragment() != null) {
      throw new ConfigException(source + ": tracking URI " + uri + " must look like http(s)://host[:port][/path], without query or fragment");
    }
  }
}
