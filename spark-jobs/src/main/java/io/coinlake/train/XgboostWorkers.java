package io.coinlake.train;

import org.apache.spark.SparkContext;

/**
 * How many XGBoost workers a Spark application can run side by side, and how many threads each
 * may use. XGBoost4J-Spark trains in one barrier stage with a task per worker, so every worker
 * needs a task slot at the same time; its {@code nthread} must not exceed {@code spark.task.cpus}.
 * Derived from the SparkContext (local[2]: 2 workers of 1 thread), never hard-coded.
 */
public record XgboostWorkers(int slots, int threadsPerWorker) {

  public XgboostWorkers {
    if (slots < 1 || threadsPerWorker < 1) {
      throw new IllegalArgumentException("slots and threadsPerWorker must be positive, got " + slots + " and " + threadsPerWorker);
    }
  }

  /** The task slots of this application: default parallelism / spark.task.cpus, each with spark.task.cpus threads. */
  public static XgboostWorkers available(SparkContext sc) {
    int taskCpus = Math.max(1, sc.getConf().getInt("spark.task.cpus", 1));
    return new XgboostWorkers(Math.max(1, sc.defaultParallelism() / taskCpus), taskCpus);
  }

  /** Fails with one line when a training needs more workers than this application has slots. */
  void require(int workers) {
    if (workers > slots) {
      throw new TrainingException("the training needs " + workers + " XGBoost workers (its training_partitions) but this Spark"
          + " application has " + slots + " task slots (default parallelism / spark.task.cpus); give it at least " + workers
          + " cores (e.g. COINLAKE_MASTER=local[" + workers + "] or spark-submit --total-executor-cores)");
    }
  }
}
