package io.coinlake.orchestrate;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One run of the pipeline DAG for one logical date, as ops.dag_runs holds it. {@code trigger} is
 * manual, backfill, scheduled or resume; {@code endedAt} and {@code error} are null while running.
 */
public record DagRun(String runId, String dagId, LocalDate logicalDate, String trigger, String status,
    Instant startedAt, Instant endedAt, String error) {
  public static final String RUNNING = "running";
  public static final String SUCCESS = "success";
  public static final String FAILED = "failed";

  public DagRun finished(String newStatus, Instant at, String why) {
    return new DagRun(runId, dagId, logicalDate, trigger, newStatus, startedAt, at, why);
  }
}
