package io.coinlake.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's resident memory from Linux's {@code /proc/self/status}: VmHWM (the peak RSS) and
 * VmRSS. Writing "5" to {@code /proc/self/clear_refs} resets VmHWM to the current RSS (Linux 4.0+),
 * which gives a peak per stage. Elsewhere every value is -1 and nothing resets.
 */
public final class ProcStatus {
  static final Path STATUS = Path.of("/proc/self/status");
  static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

  private ProcStatus() {}

  /** Peak resident set size in bytes since start or the last {@link #resetPeak}; -1 when unknown. */
  public static long peakRssBytes() {
    return field(read(), "VmHWM");
  }

  public static long rssBytes() {
    return field(read(), "VmRSS");
  }

  /** Resets the peak to the current RSS; false when the kernel does not allow it. */
  public static boolean resetPeak() {
    try {
      Files.writeString(CLEAR_REFS, "5");
      return true;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  /** A {@code Name:   1234 kB} field of a status text, in bytes; -1 when absent. */
  static long field(String status, String name) {
    for (String line : status.split("\n")) {
      if (line.startsWith(name + ":")) {
        String[] parts = line.substring(name.length() + 1).trim().split("\\s+");
        try {
          long value = Long.parseLong(parts[0]);
          return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value;
        } catch (NumberFormatException e) {
          return -1;
        }
      }
    }
    return -1;
  }

  private static String read() {
    try {
      return Files.readString(STATUS, StandardCharsets.US_ASCII);
    } catch (IOException | SecurityException e) {
      return "";
    }
  }
}
