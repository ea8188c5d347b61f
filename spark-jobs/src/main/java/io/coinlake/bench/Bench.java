package io.coinlake.bench;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.LogicalWindow;
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
import org.apache.spark.sql.SparkSession;

/**
 * Runs the pipeline's stages on a benchmark data set in one SparkSession and measures each: wall
 * time, rows per second, heap and RSS peaks, GC and CPU seconds ({@link MemoryMeter}). The stages
 * are the pipeline's own ({@link Stage}, as {@code coinlake run} runs them); their output goes to
 * {@code <run folder>/pipeline.log}, the bench's progress to {@code progress}.
 *
 * <p>Order: the startup cost is taken first (JVM start to a trivial finished Spark job, with the
 * session the caller just built), then the data set is generated or reused, then the stages run on
 * an emptied run folder. Generation is reported but is not part of the total.
 */
public final class Bench {
  public static final List<Stage> STAGES = List.of(Stage.INGEST, Stage.VALIDATE, Stage.FEATURES, Stage.TRAIN, Stage.SCORE);
  public static final String PIPELINE_LOG = "pipeline.log";

  private Bench() {}

  /** The report, and what failed (null when every stage ran). */
  public record Outcome(BenchReport report, Throwable failure) {}

  /** The stages from ingest up to and including {@code last} (each needs the ones before it). */
  public static List<Stage> until(Stage last) {
    int end = STAGES.indexOf(last);
    if (end < 0) {
      throw new IllegalArgumentException("--until " + last.label() + " is not a bench stage; use one of " + STAGES.stream().map(Stage::label).toList());
    }
    return STAGES.subList(0, end + 1);
  }

  /** Runs {@code stages} (a prefix of {@link #STAGES}); {@code config} must already point at the plan ({@link BenchPlan#configOverrides}). */
  public static Outcome run(SparkSession spark, CoinlakeConfig config, BenchPlan plan, LogicalWindow window, List<Stage> stages,
      Console progress) throws IOException {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    String startedAt = Instant.now().toString();
    double sessionReady = sinceMillis(jvmStart);
    SparkJobCounter counter = new SparkJobCounter();
    spark.sparkContext().addSparkListener(counter);
    try (MemoryMeter meter = new MemoryMeter()) {
      JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(List.of(1), 1).count();
      double firstJob = sinceMillis(jvmStart);
      Usage startupUsage = meter.read();
      BenchReport.Startup startup = new BenchReport.Startup(sessionReady, firstJob, startupUsage.heapPeakBytes(),
          startupUsage.heapAfterGcPeakBytes(), startupUsage.rssPeakBytes(), startupUsage.gcSeconds(), startupUsage.cpuSeconds());
      Machine machine = Machine.detect(spark);
      progress.line(String.format("[bench] startup: JVM start -> session ready %.1f s, -> first Spark job %.1f s", sessionReady, firstJob));

      BenchReport.Dataset dataset = prepareData(plan, progress);
      RunFolder.prepare(plan.runDir());
      Path log = plan.runDir().resolve(PIPELINE_LOG);
      progress.line("[bench] stages on " + plan.name() + ", pipeline output in " + log);

      List<StageResult> results = new ArrayList<>();
      Throwable failure = null;
      String failedStage = null;
      String error = null;
      Usage all = startupUsage;
      double seconds = firstJob;
      try (PrintStream logStream = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8)) {
        Console pipelineOutput = new Console(logStream);
        PipelineContext ctx = new PipelineContext(spark, config, window, pipelineOutput, false);
        for (Stage stage : stages) {
          meter.reset();
          long jobsBefore = counter.jobs();
          long tasksBefore = counter.tasks();
          long start = System.nanoTime();
          try {
            StageReport r = stage.run(ctx, pipelineOutput);
            double wall = (System.nanoTime() - start) / 1e9;
            Usage usage = meter.read();
            long rows = r.rowsIn() >= 0 ? r.rowsIn() : r.rowsOut();
            results.add(StageResult.of(stage.label(), wall, rows, r.rowsOut(), usage, counter.jobs() - jobsBefore,
                counter.tasks() - tasksBefore, null));
            all = all.plus(usage);
            seconds += wall;
            progress.line(String.format("[bench] %-8s %7.1f s  %,d rows", stage.label(), wall, rows));
            if (stage == Stage.INGEST && plan.sample()) {
              dataset = sampleDataset(dataset, ctx.ingest());
            }
          } catch (RuntimeException | Error e) { // an OutOfMemoryError is a result worth recording, too
            double wall = (System.nanoTime() - start) / 1e9;
            Usage usage = meter.read();
            results.add(StageResult.of(stage.label(), wall, -1, -1, usage, counter.jobs() - jobsBefore, counter.tasks() - tasksBefore,
                "FAILED"));
            failure = e;
            failedStage = stage.label();
            error = ErrorLines.oneLine(e) + heapNote(usage);
            progress.line(String.format("[bench] %-8s FAILED after %.1f s: %s", stage.label(), wall, error));
            break;
          }
        }
      }
      if (failure == null) {
        results.add(StageResult.of(BenchReport.TOTAL, seconds, dataset.rows(), -1, all, counter.jobs(), counter.tasks(),
            stages.size() == STAGES.size() ? "startup + stages" : "startup + " + String.join(", ", stages.stream().map(Stage::label).toList())));
      }
      BenchReport report = new BenchReport(startedAt, machine, dataset, startup, meter.rssPerInterval() ? "stage" : "process",
          results, failure == null ? BenchReport.OK : BenchReport.FAILED, failedStage, error);
      return new Outcome(report, failure);
    } finally {
      spark.sparkContext().removeSparkListener(counter);
    }
  }

  /**
   * When the heap was (nearly) full even after a collection, says so: Spark then often reports
   * only "SparkContext was shut down", because its handler stopped the context on an executor's OutOfMemoryError.
   */
  static String heapNote(Usage usage) {
    long max = Runtime.getRuntime().maxMemory();
    return usage.heapAfterGcPeakBytes() >= 0.9 * max
        ? String.format(" (the heap was %.2f of %.2f GiB full after a GC: out of memory; see COINLAKE_DRIVER_MEMORY)",
            usage.heapAfterGcPeakBytes() / (double) (1L << 30), max / (double) (1L << 30))
        : "";
  }

  private static BenchReport.Dataset prepareData(BenchPlan plan, Console progress) {
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
