package io.coinlake.bench;

import io.coinlake.tracking.GitInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** The machine and software a benchmark ran on, and how busy the machine was when it started. */
public record Machine(
    int nproc,
    long memTotalBytes,
    String loadAverage,
    String os,
    String javaVersion,
    String javaVm,
    long maxHeapBytes,
    String sparkVersion,
    String sparkMaster,
    String shufflePartitions,
    String adaptiveExecution,
    String gitCommit) {

  public static Machine detect(SparkSession spark) {
    var conf = spark.conf();
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        memTotalBytes(read("/proc/meminfo")),
        loadAverage(read("/proc/loadavg")),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        System.getProperty("java.runtime.version", System.getProperty("java.version")),
        System.getProperty("java.vm.name") + " (" + System.getProperty("java.vm.vendor") + ")",
        Runtime.getRuntime().maxMemory(),
        spark.version(),
        spark.sparkContext().master(),
        conf.get("spark.sql.shuffle.partitions", "200"),
        conf.get("spark.sql.adaptive.enabled", "true"),
        GitInfo.commit());
  }

  /** MemTotal of a /proc/meminfo text in bytes; -1 when absent. */
  static long memTotalBytes(String meminfo) {
    return ProcStatus.field(meminfo, "MemTotal");
  }

  /** The 1, 5 and 15 minute load averages of a /proc/loadavg text; "unknown" when absent. */
  static String loadAverage(String loadavg) {
    String[] parts = loadavg.trim().split("\\s+");
    return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : "unknown";
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException | SecurityException e) {
      return "";
    }
  }
}
