package io.coinlake.tracking;

import io.coinlake.config.HttpConfig;
import io.coinlake.testing.FakeMlflowServer;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/** REST backends pointed at a {@link FakeMlflowServer}, with a test clock and no real sleeping. */
final class RestBackends {
  /** 4 attempts, backoff 1 s, 2 s, 4 s (no jitter), so recorded waits are exact. */
  static final HttpConfig RETRIES = new HttpConfig(2, 10, 4, 1000, 8000, 0.0, 30);

  private RestBackends() {}

  static MlflowRestBackend connect(FakeMlflowServer server, MutableClock clock, RecordingSleeper sleeper) {
    return connect(server.uri(), Map.of(), clock, sleeper);
  }

  static MlflowRestBackend connect(String uri, Map<String, String> env, MutableClock clock, RecordingSleeper sleeper) {
    return MlflowRestBackend.connect(uri, "mlflow.trackingUri", env, RETRIES, Configuration::new, clock, sleeper, () -> 0.0);
  }
}
