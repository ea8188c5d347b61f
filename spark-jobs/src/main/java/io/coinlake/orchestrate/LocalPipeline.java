package io.coinlake.orchestrate;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.LogicalWindow;
import io.coinlake.fetch.Sleeper;
import io.coinlake.lake.Lake;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The local runner: DAG runs of the pipeline spec in this JVM and one SparkSession, under the
 * lake's run lock, recorded in ops.dag_runs and ops.task_runs. A backfill runs one DAG run per
 * logical date, in order, and stops at the first failed date (later dates build on it).
 */
public final class LocalPipeline {
  public static final String MANUAL = "manual";
  public static final String BACKFILL = "backfill";
  public static final String SCHEDULED = "scheduled";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final SparkSession spark;
  private final CoinlakeConfig config;
  private final PipelineSpec spec;
  private final Console console;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Lake lake;
  private final RunHistory history;

  public LocalPipeline(SparkSession spark, CoinlakeConfig config, PipelineSpec spec, Console console, Clock clock, Sleeper sleeper) {
    this.spark = spark;
    this.config = config;
    this.spec = spec;
    this.console = console;
    this.clock = clock;
    this.sleeper = sleeper;
    this.lake = new Lake(config.lake().root());
    this.history = new DeltaRunHistory(spark, lake);
  }

  /** What a DAG run did, with the context its stages filled (for the summary). */
  public record Outcome(DagRun run, PipelineContext context) {
    public boolean succeeded() {
      return DagRun.SUCCESS.equals(run.status());
    }
  }

  /** One DAG run per date (null: all data), in order; stops after a failed run. */
  public List<Outcome> run(List<LocalDate> dates, String trigger, boolean reingest) {
    List<Outcome> outcomes = new ArrayList<>();
    String firstId = runId(trigger, dates.get(0));
    try (RunLock lock = lock(firstId)) {
      AbandonedRuns.close(history, lock.tookOver(), firstId, clock.instant(), console);
      for (LocalDate date : dates) {
        String id = outcomes.isEmpty() ? firstId : runId(trigger, date);
        DagRun run = new DagRun(id, spec.dag().id(), date, trigger, DagRun.RUNNING, clock.instant(), null, null);
        console.line("== DAG run " + id + " (logical date " + (date == null ? "all data" : date) + ") ==");
        Outcome outcome = execute(run, List.of(), reingest, lock);
        outcomes.add(outcome);
        if (!outcome.succeeded()) {
          break;
        }
      }
    }
    return outcomes;
  }

  /** Runs again the tasks of {@code runId} that failed or never finished. */
  public Outcome resume(String runId, boolean reingest) {
    DagRun before = history.run(runId).orElseThrow(() -> new IllegalArgumentException("no DAG run '" + runId
        + "' in " + lake.root() + "/ops/dag_runs; ./coinlake status lists the runs"));
    if (DagRun.SUCCESS.equals(before.status())) {
      throw new IllegalArgumentException("DAG run " + runId + " already succeeded; there is nothing to resume");
    }
    try (RunLock lock = lock(runId)) {
      AbandonedRuns.close(history, lock.tookOver(), runId, clock.instant(), console);
      console.line("== resuming DAG run " + runId + " (logical date " + (before.logicalDate() == null ? "all data" : before.logicalDate()) + ") ==");
      DagRun again = new DagRun(runId, before.dagId(), before.logicalDate(), before.trigger(), DagRun.RUNNING, before.startedAt(), null, null);
      return execute(again, history.taskRuns(runId), reingest, lock);
    }
  }

  private Outcome execute(DagRun run, List<TaskRun> earlier, boolean reingest, RunLock lock) {
    LogicalWindow window = run.logicalDate() == null ? LogicalWindow.all() : LogicalWindow.asOf(run.logicalDate());
    PipelineContext ctx = new PipelineContext(spark, config, window, console, reingest);
    TaskExecutor executor = (task, attempt) -> {
      lock.attempting(run.runId(), task.id(), attempt);
      return Stage.fromLabel(task.command()).run(ctx, console);
    };
    DagRun finished = new DagRunner(spec, history, clock, sleeper, console).resume(run, executor, earlier);
    return new Outcome(finished, ctx);
  }

  private RunLock lock(String runId) {
    try {
      FileSystem fs = new Path(lake.root()).getFileSystem(spark.sparkContext().hadoopConfiguration());
      return RunLock.acquire(fs, lake.root(), runId, clock, console);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot open the lake " + lake.root() + " for the run lock: " + e.getMessage(), e);
    }
  }

  private String runId(String trigger, LocalDate date) {
    Instant now = clock.instant();
    return trigger + "__" + (date == null ? "all" : date.toString()) + "__" + STAMP.format(now);
  }
}
