package io.coinlake.cli;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.fetch.Sleeper;
import io.coinlake.orchestrate.Console;
import io.coinlake.orchestrate.CronSchedule;
import io.coinlake.orchestrate.LocalPipeline;
import io.coinlake.orchestrate.PipelineSpec;
import io.coinlake.orchestrate.PipelineSpecLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code coinlake schedule}: a daemon that fires a DAG run at each cron time of the pipeline spec,
 * for the interval that just ended (the 01:30 run on Nov 22 has the logical date Nov 21). A failed
 * run is reported and the daemon waits for the next time. --once fires the next run and exits.
 */
@Command(name = "schedule", description = "Run the pipeline at the cron times of conf/pipeline.yaml (dag.schedule, UTC); --once fires the next run and exits.")
final class ScheduleCommand implements Callable<Integer> {
  @Mixin
  CommonOptions options;

  @Option(names = "--once", description = "Wait for the next cron time, run the DAG once, and exit with its status.")
  boolean once;

  @Option(names = "--pipeline", paramLabel = "FILE", description = "Pipeline spec (default: ./conf/pipeline.yaml if present, else the built-in one).")
  Path pipeline;

  @Override
  public Integer call() throws InterruptedException {
    if (options.date != null || options.from != null || options.to != null) {
      throw new CommonOptions.UsageError("schedule takes each run's logical date from the cron schedule; --date, --from and --to do not apply");
    }
    CoinlakeConfig config = options.config();
    PipelineSpec spec = PipelineSpecLoader.load(pipeline);
    CronSchedule cron = spec.schedule();
    Clock clock = Clock.systemUTC();
    Sleeper sleeper = Sleeper.system();
    Console console = new Console(System.out);
    TrackingPreflight.check(config, spec);
    SparkSession spark = SparkSessions.create(config, "coinlake schedule");
    try {
      LocalPipeline runner = new LocalPipeline(spark, config, spec, console, clock, sleeper);
      while (true) {
        ZonedDateTime fire = cron.next(ZonedDateTime.now(clock));
        LocalDate logicalDate = cron.logicalDate(fire);
        console.line("schedule '" + cron + "': next run at " + fire + " for logical date " + logicalDate);
        for (Duration left = Duration.between(ZonedDateTime.now(clock), fire); left.compareTo(Duration.ZERO) > 0;
            left = Duration.between(ZonedDateTime.now(clock), fire)) {
          sleeper.sleep(left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left); // never wake before the fire time
        }
        LocalPipeline.Outcome outcome;
        try {
          outcome = runner.run(List.of(logicalDate), LocalPipeline.SCHEDULED, false).get(0);
        } catch (RuntimeException e) {
          if (once) {
            throw e;
          }
          console.line("coinlake: the run for " + logicalDate + " did not start: " + e.getMessage() + "; waiting for the next time");
          continue;
        }
        console.line("DAG run " + outcome.run().runId() + ": " + outcome.run().status()
            + (outcome.succeeded() ? "" : " (" + outcome.run().error() + "; ./coinlake run --resume " + outcome.run().runId() + ")"));
        if (once) {
          return outcome.succeeded() ? 0 : CoinlakeMain.FAILED;
        }
      }
    } finally {
      spark.stop();
    }
  }
}
