package io.coinlake.tracking;

import io.coinlake.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * How requests to a tracking server authenticate, read from the environment as MLflow's own
 * clients do: {@code MLFLOW_TRACKING_TOKEN} gives {@code Authorization: Bearer <token>}; else
 * {@code MLFLOW_TRACKING_USERNAME} and {@code MLFLOW_TRACKING_PASSWORD} give Basic auth; else
 * nothing is sent. The secret never appears in {@link #toString()} or {@link #describe()}.
 */
final class MlflowCredentials {
  static final String TOKEN = "MLFLOW_TRACKING_TOKEN";
  static final String USERNAME = "MLFLOW_TRACKING_USERNAME";
  static final String PASSWORD = "MLFLOW_TRACKING_PASSWORD";

  private final String header;
  private final String description;

  private MlflowCredentials(String header, String description) {
    this.header = header;
    this.description = description;
  }

  static MlflowCredentials fromEnv(Map<String, String> env) {
    String token = env.get(TOKEN);
    if (token != null && !token.isBlank()) {
      return new MlflowCredentials("Bearer " + token.strip(), "a bearer token from " + TOKEN);
    }
    String user = env.get(USERNAME);
    String password = env.get(PASSWORD);
    boolean hasUser = user != null && !user.isEmpty();
    boolean hasPassword = password != null && !password.isEmpty();
    if (hasUser != hasPassword) {
      throw new ConfigException("MLflow basic auth needs both " + USERNAME + " and " + PASSWORD
          + ", but only " + (hasUser ? USERNAME : PASSWORD) + " is set: export the other one, or unset both");
    }
    if (hasUser) {
      String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      return new MlflowCredentials("Basic " + basic, "basic auth from " + USERNAME + "/" + PASSWORD);
    }
    return new MlflowCredentials(null, "no credentials (set " + TOKEN + " or " + USERNAME + "/" + PASSWORD + " if the server needs them)");
  }

  /** The value of the Authorization header, if any. */
  Optional<String> authorization() {
    return Optional.ofNullable(header);
  }

  /** Where the credentials came from, without them: for error messages. */
  String describe() {
    return description;
  }

  @Override
  public String toString() {
    return "MlflowCredentials[" + description + "]";
  }
}
