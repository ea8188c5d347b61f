package io.coinlake.fetch;

import io.coinlake.config.HttpConfig;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before the next attempt. Exponential backoff, capped, with a random
 * {@code jitter} fraction (1.0 full jitter, 0.5 equal jitter) so that clients failed by the same
 * outage do not all come back at the same instant. A server's Retry-After replaces the backoff,
 * capped so a bad value cannot stall the run. The random source is injected for tests.
 */
public final class Backoff {
  private final HttpConfig config;
  private final DoubleSupplier random;

  public Backoff(HttpConfig config, DoubleSupplier random) {
    this.config = config;
    this.random = random;
  }

  /** The wait after attempt {@code failedAttempt} (1-based) failed: base * (1 - jitter) + U[0,1) * base * jitter. */
  public Duration afterFailure(int failedAttempt) {
    double base = config.initialBackoffMillis() * Math.pow(2, Math.min(failedAttempt - 1, 30));
    base = Math.min(base, config.maxBackoffMillis());
    double millis = base * (1 - config.jitter()) + random.getAsDouble() * base * config.jitter();
    return Duration.ofMillis(Math.round(millis));
  }

  /** The server's Retry-After, capped at maxRetryAfterSeconds. */
  public Duration retryAfter(Duration asked) {
    Duration cap = Duration.ofSeconds(config.maxRetryAfterSeconds());
    return asked.compareTo(cap) > 0 ? cap : asked;
  }
}
