package io.coinlake.bench;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** /proc parsing; the live values where Linux provides them. */
class ProcStatusTest {
  private static final String STATUS = """
      Name:\tjava
      VmPeak:\t 9000000 kB
      VmHWM:\t  1234567 kB
      VmRSS:\t   654321 kB
      Threads:\t42
      """;

  @Test
  void readsKilobyteFieldsAsBytes() {
    assertEquals(1234567L * 1024, ProcStatus.field(STATUS, "VmHWM"));
    assertEquals(654321L * 1024, ProcStatus.field(STATUS, "VmRSS"));
    assertEquals(42, ProcStatus.field(STATUS, "Threads"));
    assertEquals(-1, ProcStatus.field(STATUS, "VmSwap"));
    assertEquals(-1, ProcStatus.field("", "VmHWM"));
  }

  @Test
  void machineFieldsComeFromProcFiles() {
    assertEquals(25276502016L, Machine.memTotalBytes("MemTotal:       24684084 kB\nMemFree:  1 kB\n"));
    assertEquals("0.52 1.10 2.00", Machine.loadAverage("0.52 1.10 2.00 1/234 5678\n"));
    assertEquals("unknown", Machine.loadAverage(""));
  }

  @Test
  void liveValuesWhereLinuxHasThem() {
    if (!java.nio.file.Files.isReadable(ProcStatus.STATUS)) {
      return; // not Linux: the bench reports -1
    }
    long rss = ProcStatus.rssBytes();
    assertTrue(rss > 10_000_000, "a JVM's RSS " + rss);
    assertTrue(ProcStatus.peakRssBytes() >= rss);
  }
}
