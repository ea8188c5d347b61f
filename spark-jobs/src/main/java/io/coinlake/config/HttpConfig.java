package io.coinlake.config;

/**
 * How {@code coinlake fetch} talks HTTP: timeouts, and retries of 429, 5xx, I/O errors and cut
 * (unparseable) bodies with exponential backoff. {@code jitter} is the random fraction of each
 * backoff: 1.0 is "full jitter" (uniform in [0, backoff]), 0.5 "equal jitter" (backoff/2 plus up
 * to backoff/2), 0 none; it keeps many clients from retrying in lockstep. A server's Retry-After
 * wins over the backoff but is capped at {@code maxRetryAfterSeconds}, so a hostile value cannot
 * stall a run for hours.
 */
public record HttpConfig(
    int connectTimeoutSeconds,
    int requestTimeoutSeconds,
    int maxAttempts,
    long initialBackoffMillis,
    long maxBackoffMillis,
    double jitter,
    int maxRetryAfterSeconds) {

  public HttpConfig {
    Checks.positive(connectTimeoutSeconds, "connectTimeoutSeconds");
    Checks.positive(requestTimeoutSeconds, "requestTimeoutSeconds");
    Checks.positive(maxAttempts, "maxAttempts");
    Checks.nonNegative(initialBackoffMillis, "initialBackoffMillis");
    Checks.nonNegative(maxBackoffMillis, "maxBackoffMillis");
    if (maxBackoffMillis < initialBackoffMillis) {
      throw new IllegalArgumentException("'maxBackoffMillis' (" + maxBackoffMillis
          + ") must be at least 'initialBackoffMillis' (" + initialBackoffMillis + ")");
    }
    Checks.fraction(jitter, "jitter");
    Checks.nonNegative(maxRetryAfterSeconds, "maxRetryAfterSeconds");
  }
}
