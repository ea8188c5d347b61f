package io.coinlake.bench;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Counts the Spark jobs and tasks that finish, so a stage's time can be told apart: many small
 * jobs (fixed cost per job: planning, Delta commits, scheduling) or a few big ones (data). Events
 * arrive on Spark's listener bus, a moment after the fact, so a count may lag by a job.
 */
final class SparkJobCounter extends SparkListener {
  private final AtomicLong jobs = new AtomicLong();
  private final AtomicLong tasks = new AtomicLong();

  @Override
  public void onJobEnd(SparkListenerJobEnd jobEnd) {
    jobs.incrementAndGet();
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    tasks.incrementAndGet();
  }

  long jobs() {
    return jobs.get();
  }

  long tasks() {
    return tasks.get();
  }
}
