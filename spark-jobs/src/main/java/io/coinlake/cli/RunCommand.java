package io.coinlake.cli;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.LogicalWindow;
import io.coinlake.fetch.Sleeper;
import io.coinlake.lake.Lake;
import io.coinlake.orchestrate.Console;
import io.coinlake.orchestrate.LocalPipeline;
import io.coinlake.orchestrate.PipelineSpec;
import io.coinlake.orchestrate.PipelineSpecLoader;
import io.coinlake.orchestrate.Summary;
import io.coinlake.tracking.Tracking;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code coinlake run}: the pipeline DAG (conf/pipeline.yaml) in this JVM and one SparkSession.
 * --date runs one logical date, --from/--to backfills each date in order, no date runs over all
 * data; --resume re-runs the tasks of an earlier run that failed or never finished.
 */
@Command(name = "run", description = "Run the pipeline DAG (conf/pipeline.yaml: ingest, validate, features, train, score, report) with retries; --from/--to backfills day by day; --resume RUN_ID finishes a failed run.")
final class RunCommand implements Callable<Integer> {
  @Mixin
  CommonOptions options;

  @Option(names = "--reingest", description = "Read input files again even when the same content was ingested before.")
  boolean reingest;

  @Option(names = "--resume", paramLabel = "RUN_ID", description = "Re-run only the tasks of this run that failed or never finished (see ./coinlake status).")
  String resume;

  @Option(names = "--pipeline", paramLabel = "FILE", description = "Pipeline spec (default: ./conf/pipeline.yaml if present, else the built-in one).")
  Path pipeline;

  @Override
  public Integer call() {
    CoinlakeConfig config = options.config();
    PipelineSpec spec = PipelineSpecLoader.load(pipeline);
    LogicalWindow window = options.window();
    if (resume != null && (window.from() != null || window.to() != null)) {
      throw new CommonOptions.UsageError("--resume continues a run at its own logical date; drop --date/--from/--to");
    }
    Console console = new Console(System.out);
    TrackingPreflight.check(config, spec);
    SparkSession spark = SparkSessions.create(config, "coinlake run");
    try {
      LocalPipeline pipelineRunner = new LocalPipeline(spark, config, spec, console, Clock.systemUTC(), Sleeper.system());
      List<LocalPipeline.Outcome> outcomes = resume != null
          ? List.of(pipelineRunner.resume(resume, reingest))
          : pipelineRunner.run(dates(window), window.from() != null ? LocalPipeline.BACKFILL : LocalPipeline.MANUAL, reingest);
      LocalPipeline.Outcome last = outcomes.get(outcomes.size() - 1);
      if (last.succeeded() && last.context().ingest() != null && last.context().reports().size() == spec.tasks().size()) {
        Summary.print(last.context(), new Lake(config.lake().root()), Tracking.effectiveUri(config.mlflow(), System.getenv()), console);
      }
      for (LocalPipeline.Outcome o : outcomes) {
        console.line(String.format("DAG run %s: %s", o.run().runId(), o.run().status()));
      }
      if (!last.succeeded()) {
        throw new RunFailedException("DAG run " + last.run().runId() + " failed at " + last.run().error()
            + "; fix the cause, then ./coinlake run --resume " + last.run().runId());
      }
      return 0;
    } finally {
      spark.stop();
    }
  }

  /** Each date of a --from/--to range, the --date, or one run over all data (null). */
  static List<LocalDate> dates(LogicalWindow window) {
    List<LocalDate> dates = new ArrayList<>();
    if (window.from() == null) {
      dates.add(window.to());
      return dates;
    }
    for (LocalDate d = window.from(); !d.isAfter(window.to()); d = d.plusDays(1)) {
      dates.add(d);
    }
    return dates;
  }

  /** A DAG run failed after its retries; the message says how to resume it. */
  static final class RunFailedException extends RuntimeException {
    RunFailedException(String message) {
      super(message);
    }
  }
}
