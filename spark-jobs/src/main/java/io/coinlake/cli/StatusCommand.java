package io.coinlake.cli;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.lake.Lake;
import io.coinlake.orchestrate.Console;
import io.coinlake.orchestrate.DagRun;
import io.coinlake.orchestrate.DeltaRunHistory;
import io.coinlake.orchestrate.RunStatusTable;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code coinlake status}: the recent DAG runs and their tasks, from ops.dag_runs and ops.task_runs. */
@Command(name = "status", description = "Show the recent DAG runs as a table: run id, logical date, status, duration, tasks, error.")
final class StatusCommand implements Callable<Integer> {
  @Mixin
  CommonOptions options;

  @Option(names = "--limit", defaultValue = "10", description = "How many runs to show, newest first (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    CoinlakeConfig config = options.config();
    SparkSession spark = SparkSessions.create(config, "coinlake status");
    try {
      DeltaRunHistory history = new DeltaRunHistory(spark, new Lake(config.lake().root()));
      List<DagRun> runs = history.recentRuns(limit);
      Console console = new Console(System.out);
      if (runs.isEmpty()) {
        console.line("No DAG runs recorded in " + config.lake().root() + "/ops/dag_runs yet; ./coinlake run starts one.");
        return 0;
      }
      RunStatusTable.print(runs, history::taskRuns, console);
      return 0;
    } finally {
      spark.stop();
    }
  }
}
