package io.coinlake.bench;

/**
 * Resources over an interval: the JVM heap's peak in use (garbage included: it mostly shows how
 * far the collector lets the heap fill), the largest heap left after a collection (closer to what
 * the work really holds; -1 when no collection ran), the process's peak RSS, and the GC and CPU
 * seconds spent. Bytes are -1 when unknown.
 */
public record Usage(long heapPeakBytes, long heapAfterGcPeakBytes, long rssPeakBytes, double gcSeconds, double cpuSeconds) {
  /** The larger peaks and the summed times of two intervals. */
  public Usage plus(Usage other) {
    return new Usage(Math.max(heapPeakBytes, other.heapPeakBytes), Math.max(heapAfterGcPeakBytes, other.heapAfterGcPeakBytes),
        Math.max(rssPeakBytes, other.rssPeakBytes), gcSeconds + other.gcSeconds, cpuSeconds + other.cpuSeconds);
  }
}
