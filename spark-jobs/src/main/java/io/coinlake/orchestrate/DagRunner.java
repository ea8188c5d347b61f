package io.coinlake.orchestrate;

import io.coinlake.fetch.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one DAG run: the spec's tasks in dependency order, each with its retries and backoff. A
 * task whose dependency did not succeed is recorded as upstream_failed and not run; tasks on
 * independent branches still run. Every attempt goes to the run history as it finishes.
 */
public final class DagRunner {
  private final PipelineSpec spec;
  private final RunHistory history;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Console console;

  public DagRunner(PipelineSpec spec, RunHistory history, Clock clock, Sleeper sleeper, Console console) {
    this.spec = spec;
    this.history = history;
    this.clock = clock;
    this.sleeper = sleeper;
    this.console = console;
  }

  /** A fresh run: every task. */
  public DagRun run(DagRun run, TaskExecutor executor) {
    return resume(run, executor, List.of());
  }

  /**
   * Runs the tasks of {@code run} that have not succeeded in {@code earlier} attempts of the same
   * run; their attempt numbers continue from there. Returns the finished run record.
   */
  public DagRun resume(DagRun run, TaskExecutor executor, List<TaskRun> earlier) {
    history.saveRun(run);
    Map<String, String> outcome = new HashMap<>();
    Map<String, Integer> attemptsSoFar = new HashMap<>();
    Set<String> succeeded = new java.util.HashSet<>();
    for (TaskRun t : earlier) {
      attemptsSoFar.merge(t.task(), t.attempt(), Math::max);
      if (TaskRun.SUCCESS.equals(t.status())) {
        succeeded.add(t.task());
      }
    }
    String firstError = null;
    for (TaskSpec task : spec.order()) {
      int prior = attemptsSoFar.getOrDefault(task.id(), 0);
      if (succeeded.contains(task.id())) {
        outcome.put(task.id(), TaskRun.SUCCESS);
        console.line("[" + task.id() + "] succeeded earlier in run " + run.runId() + "; not run again");
        continue;
      }
      List<String> blocked = task.dependsOn().stream().filter(d -> !TaskRun.SUCCESS.equals(outcome.get(d))).toList();
      if (!blocked.isEmpty()) {
        outcome.put(task.id(), TaskRun.UPSTREAM_FAILED);
        Instant now = clock.instant();
        String why = "not run: " + String.join(", ", blocked) + " did not succeed";
        history.addTaskRun(new TaskRun(run.runId(), run.logicalDate(), task.id(), prior + 1, TaskRun.UPSTREAM_FAILED,
            now, now, -1, -1, why));
        console.line("[" + task.id() + "] " + why);
        continue;
      }
      String error = runWithRetries(run, task, executor, prior);
      outcome.put(task.id(), error == null ? TaskRun.SUCCESS : TaskRun.FAILED);
      if (error != null && firstError == null) {
        firstError = task.id() + ": " + error;
      }
    }
    boolean allGood = outcome.values().stream().allMatch(TaskRun.SUCCESS::equals);
    DagRun finished = run.finished(allGood ? DagRun.SUCCESS : DagRun.FAILED, clock.instant(), firstError);
    history.saveRun(finished);
    return finished;
  }

  /** Null when an attempt succeeded, else the last attempt's one-line error. */
  private String runWithRetries(DagRun run, TaskSpec task, TaskExecutor executor, int prior) {
    RetryPolicy policy = spec.retryPolicy(task);
    String error = null;
    for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
      Duration wait = policy.delayBefore(attempt);
      if (!wait.isZero()) {
        console.line(String.format("[%s] retry %d of %d in %d s", task.id(), attempt - 1, policy.retries(), wait.toSeconds()));
        sleep(wait);
      }
      int number = prior + attempt;
      Instant start = clock.instant();
      try {
        StageReport report = executor.execute(task, number);
        history.addTaskRun(new TaskRun(run.runId(), run.logicalDate(), task.id(), number, TaskRun.SUCCESS, start, clock.instant(),
            report.rowsIn(), report.rowsOut(), null));
        return null;
      } catch (RuntimeException e) {
        error = ErrorLines.oneLine(e);
        history.addTaskRun(new TaskRun(run.runId(), run.logicalDate(), task.id(), number, TaskRun.FAILED, start, clock.instant(),
            -1, -1, error));
        console.line(String.format("[%s] attempt %d of %d failed: %s", task.id(), attempt, policy.maxAttempts(), error));
      }
    }
    return error;
  }

  private void sleep(Duration wait) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to retry", e);
    }
  }
}
