package io.coinlake.orchestrate;

/**
 * Runs one task of a DAG run. The local runner runs the task's stage in the shared SparkSession;
 * tests run plain functions. A failure is any exception; its message is recorded.
 */
@FunctionalInterface
public interface TaskExecutor {
  StageReport execute(TaskSpec task, int attempt);
}
