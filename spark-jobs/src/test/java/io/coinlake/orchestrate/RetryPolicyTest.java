package io.coinlake.orchestrate;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  @Test
  void exponentialBackoffDoublesUpToTheCap() {
    RetryPolicy p = new RetryPolicy(5, Duration.ofSeconds(30), true, Duration.ofSeconds(100));
    assertEquals(6, p.maxAttempts());
    assertEquals(Duration.ZERO, p.delayBefore(1));
    assertEquals(Duration.ofSeconds(30), p.delayBefore(2));
    assertEquals(Duration.ofSeconds(60), p.delayBefore(3));
    assertEquals(Duration.ofSeconds(100), p.delayBefore(4));
    assertEquals(Duration.ofSeconds(100), p.delayBefore(6));
  }

  @Test
  void fixedDelayWithoutBackoff() {
    RetryPolicy p = new RetryPolicy(2, Duration.ofSeconds(7), false, Duration.ofSeconds(100));
    assertEquals(Duration.ofSeconds(7), p.delayBefore(2));
    assertEquals(Duration.ofSeconds(7), p.delayBefore(3));
  }
}
