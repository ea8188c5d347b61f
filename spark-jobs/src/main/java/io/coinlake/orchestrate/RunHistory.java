package io.coinlake.orchestrate;

import java.util.List;
import java.util.Optional;

/** Where the runner records DAG runs and task attempts (ops.dag_runs, ops.task_runs), and reads them back. */
public interface RunHistory {
  /** Inserts or replaces the run's record (keyed by run id). */
  void saveRun(DagRun run);

  /** Adds one finished task attempt. */
  void addTaskRun(TaskRun taskRun);

  Optional<DagRun> run(String runId);

  /** Every attempt of the run, in any order. */
  List<TaskRun> taskRuns(String runId);

  /** Runs whose record still says running, oldest first. */
  List<DagRun> unfinishedRuns();

  /** The newest runs first, at most {@code limit}. */
  List<DagRun> recentRuns(int limit);
}
