package io.coinlake.orchestrate;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One attempt of one task in one DAG run, as ops.task_runs holds it. {@code logicalDate} is null
 * for a run over all data; counts are -1 when the task has none (or failed).
 */
public record TaskRun(String runId, LocalDate logicalDate, String task, int attempt, String status,
    Instant startedAt, Instant endedAt, long rowsIn, long rowsOut, String error) {
  public static final String SUCCESS = "success";
  public static final String FAILED = "failed";
  /** Not run because a task it depends on failed. */
  public static final String UPSTREAM_FAILED = "upstream_failed";
}
