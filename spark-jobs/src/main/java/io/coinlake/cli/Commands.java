package io.coinlake.cli;

import io.coinlake.orchestrate.Console;
import io.coinlake.orchestrate.Stage;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The stage commands; each is a thin list of stages. */
final class Commands {
  private Commands() {}

  @Command(name = "ingest", description = "Read every configured source (OHLCV CSVs, market snapshots, ticker captures) into bronze; unreadable records to quarantine; per-file counts to ops.file_ingests.")
  static final class Ingest extends StageCommand {
    @Override
    List<Stage> stages() {
      return List.of(Stage.INGEST);
    }
  }

  @Command(name = "validate", description = "Apply each record kind's data contract: bronze -> silver + quarantine + a JSON report per contract.")
  static final class Validate extends StageCommand {
    @Override
    List<Stage> stages() {
      return List.of(Stage.VALIDATE);
    }
  }

  @Command(name = "features", description = "Build volatility features and labels: silver.ohlcv -> gold.features_volatility.")
  static final class Features extends StageCommand {
    @Override
    List<Stage> stages() {
      return List.of(Stage.FEATURES);
    }
  }

  @Command(name = "train", description = "Walk-forward CV of GBT vs baselines, log to MLflow, register the winner.")
  static final class Train extends StageCommand {
    @Option(names = "--reproduce", paramLabel = "RUN_ID", description = "Retrain an earlier training run from its recorded inputs"
        + " (Delta version of the training table, features, params, seeds), log a new run tagged coinlake.reproduces=RUN_ID"
        + " (nothing registered) and compare the metrics; exit 1 if any differs beyond 1e-9 relative.")
    String reproduce;

    @Override
    List<Stage> stages() {
      return List.of(Stage.TRAIN);
    }

    @Override
    public Integer call() {
      return reproduce == null ? super.call() : ReproduceTraining.run(options, reproduce, new Console(System.out));
    }
  }

  @Command(name = "score", description = "Score the newest ts of every symbol with the champion model -> gold.predictions.")
  static final class Score extends StageCommand {
    @Override
    List<Stage> stages() {
      return List.of(Stage.SCORE);
    }
  }

  @Command(name = "report", description = "Drift and model-quality report: the champion's training rows vs the newest window (--date: the"
      + " monitoring.currentWindowDays days up to it; --from/--to) -> evidently-reports/<date>/volatility.html + .json, the index,"
      + " an MLflow monitoring run, ops.monitoring, and a webhook alert on drift or degradation.")
  static final class Report extends StageCommand {
    @Override
    List<Stage> stages() {
      return List.of(Stage.REPORT);
    }
  }
}
