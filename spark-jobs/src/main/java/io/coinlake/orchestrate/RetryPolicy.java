package io.coinlake.orchestrate;

import java.time.Duration;

/**
 * How often a task is tried again and how long to wait: attempt n+1 waits {@code delay} times
 * 2^(n-1) with exponential backoff (else {@code delay}), capped at {@code maxDelay}. The same
 * fields as Airflow's retries, retry_delay, retry_exponential_backoff and max_retry_delay.
 */
public record RetryPolicy(int retries, Duration delay, boolean exponentialBackoff, Duration maxDelay) {
  public RetryPolicy {
    if (retries < 0) {
      throw new IllegalArgumentException("retries must be >= 0, got " + retries);
    }
    if (delay.isNegative() || maxDelay.isNegative()) {
      throw new IllegalArgumentException("retry delays must be >= 0");
    }
  }

  public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, false, Duration.ZERO);

  public int maxAttempts() {
    return retries + 1;
  }

  /** The wait before {@code attempt} (2 = the first retry). */
  public Duration delayBefore(int attempt) {
    if (attempt <= 1) {
      return Duration.ZERO;
    }
    Duration wait = delay;
    if (exponentialBackoff) {
      for (int i = 2; i < attempt && wait.compareTo(maxDelay) < 0; i++) {
        wait = wait.multipliedBy(2);
      }
    }
    return wait.compareTo(maxDelay) > 0 ? maxDelay : wait;
  }
}
