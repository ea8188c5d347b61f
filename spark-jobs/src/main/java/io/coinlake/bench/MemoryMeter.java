package io.coinlake.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Measures an interval of this process ({@link #reset} starts one, {@link #read} reports it;
 * before the first reset the interval is the JVM's life so far, except for collections before
 * the meter was made).
 *
 * <p>Heap peak: a heap's high point is just before a collection, so every GC notification adds
 * up the heap pools' usage before that collection; the peak is the largest such total, the heap
 * in use at the end, or the largest single pool's own peak (MemoryPoolMXBean), whichever is
 * highest. (Summing every pool's peak would overstate it: pools peak at different times.) The
 * heap after a collection is added up the same way from the notifications. RSS
 * peak: VmHWM, reset per interval when the kernel allows ({@link #rssPerInterval}).
 */
public final class MemoryMeter implements AutoCloseable {
  private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == MemoryType.HEAP).toList();
  private final Set<String> heapPoolNames = heapPools.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
  private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
  private final List<Registration> registrations = new ArrayList<>();
  private final AtomicLong beforeGcPeak = new AtomicLong();
  private final AtomicLong afterGcPeak = new AtomicLong(-1);
  private boolean rssPerInterval;
  private long gcMillisAtReset;
  private long cpuNanosAtReset;

  private record Registration(NotificationEmitter emitter, NotificationListener listener) {}

  public MemoryMeter() {
    NotificationListener listener = (notification, handback) -> {
      if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        beforeGcPeak.accumulateAndGet(heapTotal(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
        afterGcPeak.accumulateAndGet(heapTotal(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
      }
    };
    for (GarbageCollectorMXBean collector : collectors) {
      if (collector instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        registrations.add(new Registration(emitter, listener));
      }
    }
  }

  /** True when RSS peaks are per interval; false when they are the process's peak since it started (or before the first reset). */
  public boolean rssPerInterval() {
    return rssPerInterval;
  }

  /** Starts a new interval. */
  public void reset() {
    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    beforeGcPeak.set(heapUsed());
    afterGcPeak.set(-1);
    rssPerInterval = ProcStatus.resetPeak();
    gcMillisAtReset = gcMillis();
    cpuNanosAtReset = cpuNanos();
  }

  /** The interval since the last {@link #reset}. */
  public Usage read() {
    long heapPeak = Math.max(beforeGcPeak.get(), heapUsed());
    for (MemoryPoolMXBean pool : heapPools) {
      MemoryUsage peak = pool.getPeakUsage();
      heapPeak = Math.max(heapPeak, peak == null ? 0 : peak.getUsed());
    }
    long cpuNow = cpuNanos();
    double cpu = cpuNow < 0 ? -1 : (cpuNow - cpuNanosAtReset) / 1e9;
    return new Usage(heapPeak, afterGcPeak.get(), ProcStatus.peakRssBytes(), (gcMillis() - gcMillisAtReset) / 1e3, cpu);
  }

  private long heapTotal(java.util.Map<String, MemoryUsage> pools) {
    long total = 0;
    for (var pool : pools.entrySet()) {
      if (heapPoolNames.contains(pool.getKey())) {
        total += pool.getValue().getUsed();
      }
    }
    return total;
  }

  private long heapUsed() {
    long used = 0;
    for (MemoryPoolMXBean pool : heapPools) {
      used += pool.getUsage().getUsed();
    }
    return used;
  }

  private long gcMillis() {
    return collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
  }

  private static long cpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
  }

  @Override
  public void close() {
    for (Registration r : registrations) {
      try {
        r.emitter().removeNotificationListener(r.listener());
      } catch (javax.management.ListenerNotFoundException e) {
        // already gone: nothing to undo
      }
    }
  }
}
