package io.coinlake.train;

import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.testing.SparkTestSession;
import org.junit.jupiter.api.Test;

/** XGBoost's workers come from the SparkContext: one per task slot, spark.task.cpus threads each. */
class XgboostWorkersTest {
  @Test
  void localTwoGivesTwoWorkersOfOneThread() {
    assertEquals(new XgboostWorkers(2, 1), XgboostWorkers.available(SparkTestSession.get().sparkContext()));
  }

  @Test
  void aTrainingThatNeedsMoreWorkersThanSlotsFailsWithOneLine() {
    XgboostWorkers local2 = new XgboostWorkers(2, 1);
    local2.require(2);
    TrainingException e = assertThrows(TrainingException.class, () -> local2.require(4));
    assertEquals("the training needs 4 XGBoost workers (its training_partitions) but this Spark application has 2 task slots"
        + " (default parallelism / spark.task.cpus); give it at least 4 cores (e.g. COINLAKE_MASTER=local[4] or spark-submit"
        + " --total-executor-cores)", e.getMessage());
  }
}
