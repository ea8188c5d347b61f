package io.coinlake.cli;

import io.coinlake.bench.Bench;
import io.coinlake.bench.BenchPlan;
import io.coinlake.bench.BenchReport;
import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.ConfigLoader;
import io.coinlake.orchestrate.Console;
import io.coinlake.orchestrate.Stage;
import io.coinlake.orchestrate.StageFailedException;
import io.coinlake.synth.MarketSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code coinlake bench}: the pipeline's stages on a generated market (or the bundled sample),
 * timed and measured, as a table and as JSON. The run's lake, MLflow store and log live under
 * {@code --out}; the user's {@code --config}/{@code --set} tune everything else (e.g. the GBT grid).
 */
@Command(name = "bench", description = "Benchmark ingest, validate, features, train and score on a generated market"
    + " (--coins x --days, reused when already generated) or the bundled sample (--sample): wall time, rows/s, heap and RSS"
    + " peaks per stage, plus JVM start to the first Spark job; prints a table and writes JSON.")
final class BenchCommand implements Callable<Integer> {
  @Mixin
  CommonOptions options;

  @Option(names = "--coins", paramLabel = "N", description = "Coins of the generated market.")
  Integer coins;

  @Option(names = "--days", paramLabel = "D", description = "Days per coin of the generated market.")
  Integer days;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed of the generated market (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--sample", description = "Run on the configured OHLCV sources (default: the bundled sample) instead of a generated market.")
  boolean sample;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench", description = "Folder for data sets (data/) and runs (runs/) (default: ./${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--until", paramLabel = "STAGE", description = "Stop after this stage (ingest, validate, features, train or score; default: score).")
  String until;

  @Option(names = "--json", paramLabel = "FILE", description = "Where to write the JSON report (default: <out>/runs/<data set>/bench.json).")
  Path json;

  @Override
  public Integer call() throws IOException {
    BenchPlan plan = new BenchPlan(out, marketSpec());
    List<Stage> stages = until == null ? Bench.STAGES : Bench.until(Stage.fromLabel(until));
    List<String> overrides = new ArrayList<>(options.overrides);
    overrides.addAll(plan.configOverrides());
    CoinlakeConfig config = ConfigLoader.load(options.configFile, overrides);
    var window = options.window();
    Console console = new Console(System.out);
    Path jsonFile = json != null ? json : plan.runDir().resolve("bench.json");
    Bench.ReportSink sink = r -> {
      Path parent = jsonFile.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(jsonFile, r.toJson());
    };
    SparkSession spark = SparkSessions.create(config, "coinlake bench");
    Bench.Outcome outcome;
    try {
      outcome = Bench.run(spark, config, plan, window, stages, console, sink);
    } finally {
      spark.stop();
    }
    BenchReport report = outcome.report();
    console.line("");
    console.line(String.format("coinlake bench: %s, %,d rows (%s), %s, driver heap max %.1f GiB", report.dataset().name(),
        report.dataset().rows(), report.dataset().source(), report.machine().sparkMaster(),
        report.machine().maxHeapBytes() / (double) (1L << 30)));
    console.line(report.table().stripTrailing());
    console.line("JSON: " + jsonFile);
    if (outcome.failure() != null) {
      Throwable f = outcome.failure();
      if (f instanceof StageFailedException s) {
        throw s;
      }
      throw new StageFailedException(report.failedStage(), f instanceof Exception e ? e : new RuntimeException(f.toString(), f));
    }
    return 0;
  }

  private MarketSpec marketSpec() {
    if (sample) {
      if (coins != null || days != null) {
        throw new CommonOptions.UsageError("--sample runs on the bundled sample; drop --coins/--days, or drop --sample");
      }
      return null;
    }
    if (coins == null || days == null) {
      throw new CommonOptions.UsageError("bench needs --coins N --days D for a generated market, or --sample");
    }
    return new MarketSpec(coins, days, seed);
  }
}
