package io.coinlake.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;

/**
 * A benchmark's result, as the JSON {@code bench --json} writes (snake_case keys) and the table
 * it prints. {@code stages} lists ingest .. score in order and then "total": the startup cost
 * plus every stage (data generation is not in it; it is in {@code dataset.generate_seconds}).
 * {@code status} is "ok", or "failed" with the stage and the error; the stages before it stay.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BenchReport(
    String startedAt,
    Machine machine,
    Dataset dataset,
    Startup startup,
    String rssPeakScope,
    List<StageResult> stages,
    String status,
    String failedStage,
    String error) {
  public static final String OK = "ok";
  public static final String FAILED = "failed";
  public static final String TOTAL = "total";
  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * The input: its name, where it came from ("generated", "reused" = generated earlier with the
   * same spec, or "sample"), its size, and how long generating it took (0 when reused or sample).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Dataset(String name, String source, Integer coins, Integer days, Long seed, long rows, int files,
      String dir, double generateSeconds) {}

  /** The fixed cost: JVM start to the session being ready and to the first finished Spark job. */
  public record Startup(double sessionReadySeconds, double firstJobSeconds, long heapPeakBytes, long heapAfterGcPeakBytes,
      long rssPeakBytes, double gcSeconds, double cpuSeconds) {}

  public String toJson() {
    try {
      return JSON.writeValueAsString(this) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the bench report as JSON: " + e.getMessage(), e);
    }
  }

  /** The console table: one line for the startup cost, one per stage, then the total. */
  public String table() {
    StringBuilder s = new StringBuilder();
    s.append(String.format(ROW, "stage", "wall s", "rows", "rows/s", "heap peak", "after GC", "RSS peak", "GC s", "CPU s", "jobs", ""));
    s.append(String.format(ROW, "startup", seconds(startup.firstJobSeconds()), "-", "-", gb(startup.heapPeakBytes()),
        gb(startup.heapAfterGcPeakBytes()), gb(startup.rssPeakBytes()), seconds(startup.gcSeconds()), seconds(startup.cpuSeconds()),
        "1", String.format("  JVM start -> first Spark job (session ready at %.1f s)", startup.sessionReadySeconds())));
    for (StageResult r : stages) {
      s.append(String.format(ROW, r.stage(), seconds(r.seconds()), count(r.rows()), count(Math.round(r.rowsPerSecond())),
          gb(r.heapPeakBytes()), gb(r.heapAfterGcPeakBytes()), gb(r.rssPeakBytes()), seconds(r.gcSeconds()), seconds(r.cpuSeconds()),
          count(r.sparkJobs()), r.note() == null || r.note().isEmpty() ? "" : "  " + r.note()));
    }
    if (FAILED.equals(status)) {
      s.append("FAILED at ").append(failedStage).append(": ").append(error).append(System.lineSeparator());
    }
    return s.toString();
  }

  private static final String ROW = "%-9s %7s %11s %10s %10s %10s %10s %6s %6s %5s%s%n";

  private static String seconds(double s) {
    return s < 0 ? "-" : String.format("%.1f", s);
  }

  private static String count(long n) {
    return n < 0 ? "-" : String.format("%,d", n);
  }

  private static String gb(long bytes) {
    return bytes < 0 ? "-" : String.format("%.2f GiB", bytes / (double) (1L << 30));
  }
}
