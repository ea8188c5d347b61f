package io.coinlake.cli;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.LogicalWindow;
import io.coinlake.lake.Lake;
import io.coinlake.orchestrate.Console;
import io.coinlake.orchestrate.PipelineContext;
import io.coinlake.orchestrate.Stage;
import io.coinlake.orchestrate.Summary;
import io.coinlake.tracking.Tracking;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A command that runs one or more pipeline stages in one SparkSession. */
abstract class StageCommand implements Callable<Integer> {
  @Mixin
  CommonOptions options;

  @Option(names = "--reingest", description = "Read input files again even when the same content was ingested before.")
  boolean reingest;

  abstract List<Stage> stages();

  boolean printSummary() {
    return false;
  }

  @Override
  public Integer call() {
    CoinlakeConfig config = options.config();
    LogicalWindow window = options.window();
    Console console = new Console(System.out);
    TrackingPreflight.check(config, stages());
    SparkSession spark = SparkSessions.create(config, "coinlake " + getClass().getSimpleName());
    try {
      PipelineContext ctx = new PipelineContext(spark, config, window, console, reingest);
      for (Stage stage : stages()) {
        stage.run(ctx, console);
      }
      if (printSummary()) {
        Summary.print(ctx, new Lake(config.lake().root()), Tracking.effectiveUri(config.mlflow(), System.getenv()), console);
      }
      return 0;
    } finally {
      spark.stop();
    }
  }
}
