package io.coinlake.bench;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.LogicalWindow;
import io.coinlake.features.FeaturesVolatilityJob;
import io.coinlake.features.VolatilityFeatures;
import io.coinlake.ingest.IngestResult;
import io.coinlake.lake.RecordKind;
import io.coinlake.orchestrate.Console;
import io.coinlake.orchestrate.ErrorLines;
import io.coinlake.orchestrate.PipelineContext;
import io.coinlake.orchestrate.Stage;
import io.coinlake.orchestrate.StageReport;
import io.coinlake.synth.MarketWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Runs the pipeline's stages on a benchmark data set in one SparkSession and measures each: wall
 * time, rows per second, heap and RSS peaks, GC and CPU seconds ({@link MemoryMeter}), Spark jobs.
 * The stages are the pipeline's own ({@link Stage}, as {@code coinlake run} runs them); their
 * output goes to {@code <run folder>/pipeline.log}, the bench's progress to {@code progress}.
 *
 * <p>Order: the startup cost is taken first (JVM start to a trivial finished Spark job, with the
 * session the caller just built), then the data set is generated or reused, then the stages run on
 * an emptied run folder. Generation is reported but is not part of the total.
 *
 * <p>The report reaches {@code sink} at the end, also when a stage fails. If the JVM exits in the
 * middle (Spark stops it after an executor's OutOfMemoryError, which in local mode is this JVM), a
 * shutdown hook still hands the sink a report naming the stage that was running.
 */
public final class Bench {
  public static final List<Stage> STAGES = List.of(Stage.INGEST, Stage.VALIDATE, Stage.FEATURES, Stage.TRAIN, Stage.SCORE);
  public static final String PIPELINE_LOG = "pipeline.log";
  /** The line of {@link #measureFeatureCompute}: the feature kernel alone, in memory. */
  public static final String FEATURE_COMPUTE = "kernel";

  /** Where the report goes (a JSON file for the CLI). */
  public interface ReportSink {
    void write(BenchReport report) throws IOException;
  }

  /** The report, and what failed (null when every stage ran). */
  public record Outcome(BenchReport report, Throwable failure) {}

  private final SparkSession spark;
  private final BenchPlan plan;
  private final List<Stage> stages;
  private final Console progress;
  private final ReportSink sink;
  private final MemoryMeter meter = new MemoryMeter();
  private final SparkJobCounter counter = new SparkJobCounter();
  private final List<StageResult> results = new ArrayList<>();
  private final String startedAt = Instant.now().toString();
  private Machine machine;
  private BenchReport.Dataset dataset;
  private BenchReport.Startup startup;
  private Usage all;
  private double seconds;
  private Stage running;
  private long runningSince;
  private long jobsBefore;
  private long tasksBefore;
  private boolean reported;

  private Bench(SparkSession spark, BenchPlan plan, List<Stage> stages, Console progress, ReportSink sink) {
    this.spark = spark;
    this.plan = plan;
    this.stages = List.copyOf(stages);
    this.progress = progress;
    this.sink = sink;
  }

  /** The stages from ingest up to and including {@code last} (each needs the ones before it). */
  public static List<Stage> until(Stage last) {
    int end = STAGES.indexOf(last);
    if (end < 0) {
      throw new IllegalArgumentException("--until " + last.label() + " is not a bench stage; use one of " + STAGES.stream().map(Stage::label).toList());
    }
    return STAGES.subList(0, end + 1);
  }

  /**
   * Runs {@code stages} (a prefix of {@link #STAGES}) and hands the report to {@code sink};
   * {@code config} must already point at the plan ({@link BenchPlan#configOverrides}).
   */
  public static Outcome run(SparkSession spark, CoinlakeConfig config, BenchPlan plan, LogicalWindow window, List<Stage> stages,
      Console progress, ReportSink sink) throws IOException {
    Bench bench = new Bench(spark, plan, stages, progress, sink);
    Thread hook = new Thread(bench::onJvmExit, "coinlake-bench-report");
    Runtime.getRuntime().addShutdownHook(hook);
    spark.sparkContext().addSparkListener(bench.counter);
    try {
      return bench.execute(config, window);
    } finally {
      spark.sparkContext().removeSparkListener(bench.counter);
      bench.meter.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException exiting) {
        // the JVM is already shutting down: the hook reports
      }
    }
  }

  private Outcome execute(CoinlakeConfig config, LogicalWindow window) throws IOException {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    double sessionReady = sinceMillis(jvmStart);
    JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(List.of(1), 1).count();
    double firstJob = sinceMillis(jvmStart);
    Usage startupUsage = meter.read();
    synchronized (this) {
      startup = new BenchReport.Startup(sessionReady, firstJob, startupUsage.heapPeakBytes(), startupUsage.heapAfterGcPeakBytes(),
          startupUsage.rssPeakBytes(), startupUsage.gcSeconds(), startupUsage.cpuSeconds());
      machine = Machine.detect(spark);
      all = startupUsage;
      seconds = firstJob;
    }
    progress.line(String.format("[bench] startup: JVM start -> session ready %.1f s, -> first Spark job %.1f s", sessionReady, firstJob));

    BenchReport.Dataset data = prepareData();
    synchronized (this) {
      dataset = data;
    }
    RunFolder.prepare(plan.runDir());
    Path log = plan.runDir().resolve(PIPELINE_LOG);
    progress.line("[bench] stages on " + plan.name() + ", pipeline output in " + log);

    Throwable failure = null;
    try (PrintStream logStream = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8)) {
      Console pipelineOutput = new Console(logStream);
      PipelineContext ctx = new PipelineContext(spark, config, window, pipelineOutput, false);
      for (Stage stage : stages) {
        started(stage);
        try {
          StageReport r = stage.run(ctx, pipelineOutput);
          long rows = r.rowsIn() >= 0 ? r.rowsIn() : r.rowsOut();
          StageResult result = finished(rows, r.rowsOut(), null);
          progress.line(String.format("[bench] %-8s %7.1f s  %,d rows", stage.label(), result.seconds(), rows));
          if (stage == Stage.FEATURES) {
            measureFeatureCompute(config, window);
          }
          if (stage == Stage.INGEST && plan.sample()) {
            synchronized (this) {
              dataset = sampleDataset(dataset, ctx.ingest());
            }
          }
        } catch (RuntimeException | Error e) { // an OutOfMemoryError is a result worth recording, too
          StageResult result = finished(-1, -1, "FAILED");
          failure = e;
          String error = ErrorLines.oneLine(e) + heapNote(meter.read());
          progress.line(String.format("[bench] %-8s FAILED after %.1f s: %s", stage.label(), result.seconds(), error));
          return new Outcome(report(BenchReport.FAILED, stage.label(), error), failure);
        }
      }
    }
    return new Outcome(report(BenchReport.OK, null, null), null);
  }

  /**
   * An extra line, not part of the pipeline nor of the total: the features and label computed from
   * silver rows already in memory into Spark's no-op sink, so the kernel's own cost can be compared
   * with an in-memory pipeline. Loading the input (a Delta read and an in-memory cache) is not timed.
   */
  private void measureFeatureCompute(CoinlakeConfig config, LogicalWindow window) {
    Dataset<Row> input = FeaturesVolatilityJob.input(spark, config, window)
        .select(VolatilityFeatures.INPUT_COLUMNS.stream().map(Column::new).toArray(Column[]::new))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long rows = input.count();
      meter.reset();
      long jobs = counter.jobs();
      long tasks = counter.tasks();
      long start = System.nanoTime();
      VolatilityFeatures.transform(input, FeaturesVolatilityJob.spec(config)).write().format("noop").mode("overwrite").save();
      double wall = (System.nanoTime() - start) / 1e9;
      StageResult line = StageResult.of(FEATURE_COMPUTE, wall, rows, rows, meter.read(), counter.jobs() - jobs, counter.tasks() - tasks,
          "features + label alone: silver in memory -> kernel -> no-op sink; not in the total");
      synchronized (this) {
        results.add(line);
      }
      progress.line(String.format("[bench] %-8s %7.1f s  %,d rows (compute only, not in the total)", FEATURE_COMPUTE, wall, rows));
    } finally {
      input.unpersist(true); // blocking: the next stage (train) starts with the memory this held free again
    }
  }

  private synchronized void started(Stage stage) {
    meter.reset();
    running = stage;
    runningSince = System.nanoTime();
    jobsBefore = counter.jobs();
    tasksBefore = counter.tasks();
  }

  private synchronized StageResult finished(long rows, long rowsOut, String note) {
    if (running == null) { // the exit hook already closed this stage
      return results.get(results.size() - 1);
    }
    double wall = (System.nanoTime() - runningSince) / 1e9;
    Usage usage = meter.read();
    StageResult result = StageResult.of(running.label(), wall, rows, rowsOut, usage, counter.jobs() - jobsBefore,
        counter.tasks() - tasksBefore, note);
    results.add(result);
    all = all.plus(usage);
    seconds += wall;
    running = null;
    return result;
  }

  /** Builds the final report once and hands it to the sink. */
  private synchronized BenchReport report(String status, String failedStage, String error) throws IOException {
    List<StageResult> lines = new ArrayList<>(results);
    if (BenchReport.OK.equals(status)) {
      lines.add(StageResult.of(BenchReport.TOTAL, seconds, dataset.rows(), -1, all, counter.jobs(), counter.tasks(),
          stages.size() == STAGES.size() ? "startup + stages" : "startup + " + String.join(", ", stages.stream().map(Stage::label).toList())));
    }
    BenchReport report = new BenchReport(startedAt, machine, dataset, startup, meter.rssPerInterval() ? "stage" : "process", lines,
        status, failedStage, error);
    reported = true;
    sink.write(report);
    return report;
  }

  /** The JVM is exiting before the bench reported: report the stage that was running as failed. */
  private synchronized void onJvmExit() {
    if (reported || startup == null) {
      return;
    }
    try {
      String stage = running == null ? "bench" : running.label();
      String error = "the JVM exited while " + stage + " ran" + (running == null ? "" : heapNote(meter.read()));
      if (running != null) {
        finished(-1, -1, "FAILED");
      }
      report(BenchReport.FAILED, stage, error);
      System.err.println("coinlake bench: " + error + "; report written");
    } catch (IOException | RuntimeException e) {
      System.err.println("coinlake bench: the JVM exited before the report was written: " + e.getMessage());
    }
  }

  /**
   * When the heap was (nearly) full even after a collection, says so: Spark then often reports
   * only "SparkContext was shut down", because it stops on an executor's OutOfMemoryError.
   */
  static String heapNote(Usage usage) {
    long max = Runtime.getRuntime().maxMemory();
    return usage.heapAfterGcPeakBytes() >= 0.9 * max
        ? String.format(" (the heap was %.2f of %.2f GiB full after a GC: out of memory; see COINLAKE_DRIVER_MEMORY)",
            usage.heapAfterGcPeakBytes() / (double) (1L << 30), max / (double) (1L << 30))
        : "";
  }

  private BenchReport.Dataset prepareData() {
    if (plan.sample()) {
      return new BenchReport.Dataset(BenchPlan.SAMPLE, BenchPlan.SAMPLE, null, null, null, -1, 0, null, 0);
    }
    var spec = plan.market();
    progress.line(String.format("[bench] data set %s: %,d coins x %,d days = %,d rows in %s", spec.name(), spec.coins(), spec.days(),
        spec.rows(), plan.dataDir()));
    MarketWriter.Result data = MarketWriter.ensure(spec, plan.dataDir(), MarketWriter.DEFAULT_THREADS);
    progress.line(data.reused() ? "[bench] reusing the data set generated earlier (same spec, see its manifest)"
        : String.format("[bench] generated in %.1f s (%,.0f MB)", data.seconds(), data.manifest().bytes() / 1e6));
    return new BenchReport.Dataset(spec.name(), data.reused() ? "reused" : "generated", spec.coins(), spec.days(), spec.seed(),
        data.manifest().rows(), data.manifest().files(), plan.dataDir().toString(), data.reused() ? 0 : data.seconds());
  }

  /** The sample's size is known once ingest has read it. */
  private static BenchReport.Dataset sampleDataset(BenchReport.Dataset d, IngestResult ingest) {
    var files = ingest.files(RecordKind.OHLCV);
    long rows = files.stream().mapToLong(f -> f.rowsRead()).sum();
    String dir = files.isEmpty() ? null : Path.of(files.get(0).sourceFile().replaceFirst("^file:", "")).getParent().toString();
    return new BenchReport.Dataset(d.name(), d.source(), null, null, null, rows, files.size(), dir, 0);
  }

  private static double sinceMillis(long epochMillis) {
    return (System.currentTimeMillis() - epochMillis) / 1e3;
  }
}
