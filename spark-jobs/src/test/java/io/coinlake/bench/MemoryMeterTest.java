package io.coinlake.bench;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The meter sees a large allocation in the interval it was made in, and CPU time spent. */
class MemoryMeterTest {
  private static volatile byte[] sink;

  @Test
  void aLargeAllocationShowsInTheHeapPeakOfItsInterval() {
    try (MemoryMeter meter = new MemoryMeter()) {
      meter.reset();
      sink = new byte[128 << 20];
      sink[sink.length - 1] = 1;
      long spin = 0;
      long until = System.nanoTime() + 50_000_000;
      while (System.nanoTime() < until) {
        spin += sink[(int) (spin & 1023)];
      }
      Usage usage = meter.read();
      assertTrue(usage.heapPeakBytes() >= 128L << 20, "heap peak " + usage.heapPeakBytes());
      assertTrue(usage.cpuSeconds() > 0.01, "cpu " + usage.cpuSeconds());
      assertTrue(usage.gcSeconds() >= 0);
      if (meter.rssPerInterval()) {
        assertTrue(usage.rssPeakBytes() >= 128L << 20, "rss peak " + usage.rssPeakBytes());
      }
      sink = null;
    }
  }
}
