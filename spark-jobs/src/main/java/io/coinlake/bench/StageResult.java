package io.coinlake.bench;

/**
 * One line of a benchmark: a stage (or "total") with its wall time, the rows it processed
 * (rows in where the stage reports them, else rows out), rows out, throughput and resources.
 * Counts are -1 when they do not apply. {@code sparkJobs}/{@code sparkTasks}: how many finished in the stage.
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record StageResult(String stage, double seconds, long rows, long rowsOut, double rowsPerSecond,
    long heapPeakBytes, long heapAfterGcPeakBytes, long rssPeakBytes, double gcSeconds, double cpuSeconds, long sparkJobs,
    long sparkTasks, String note) {

  public static StageResult of(String stage, double seconds, long rows, long rowsOut, Usage usage, long sparkJobs, long sparkTasks,
      String note) {
    double perSecond = rows >= 0 && seconds > 0 ? rows / seconds : -1;
    return new StageResult(stage, seconds, rows, rowsOut, perSecond, usage.heapPeakBytes(), usage.heapAfterGcPeakBytes(),
        usage.rssPeakBytes(), usage.gcSeconds(), usage.cpuSeconds(), sparkJobs, sparkTasks, note);
  }
}
