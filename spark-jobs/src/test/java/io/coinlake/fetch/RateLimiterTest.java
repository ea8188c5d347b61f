package io.coinlake.fetch;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  @Test
  void requestStartsAreAtLeastTheMinimumIntervalApart() throws Exception {
    FakeTime time = new FakeTime(Instant.parse("2026-11-21T10:00:00Z"));
    RateLimiter limiter = new RateLimiter(Duration.ofMillis(2500), time, time);
    List<Instant> starts = new ArrayList<>();
    limiter.acquire();
    starts.add(time.instant());
    time.advance(Duration.ofMillis(400)); // the first request took 0.4 s
    limiter.acquire();
    starts.add(time.instant());
    time.advance(Duration.ofMillis(3000)); // the second took longer than the interval
    limiter.acquire();
    starts.add(time.instant());
    assertEquals(List.of(Instant.parse("2026-11-21T10:00:00Z"), Instant.parse("2026-11-21T10:00:02.500Z"),
        Instant.parse("2026-11-21T10:00:05.500Z")), starts);
    assertEquals(List.of(Duration.ofMillis(2100)), time.sleeps, "only the second request had to wait");
  }

  @Test
  void zeroIntervalNeverWaits() throws Exception {
    FakeTime time = new FakeTime(Instant.parse("2026-11-21T10:00:00Z"));
    RateLimiter limiter = new RateLimiter(Duration.ZERO, time, time);
    limiter.acquire();
    limiter.acquire();
    assertEquals(List.of(), time.sleeps);
  }
}
