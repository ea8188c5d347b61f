package io.coinlake.cli;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.orchestrate.Console;
import io.coinlake.orchestrate.ErrorLines;
import io.coinlake.tracking.ChampionMove;
import io.coinlake.tracking.ModelPromotion;
import io.coinlake.tracking.ModelRetention;
import io.coinlake.tracking.ModelVersion;
import io.coinlake.tracking.PruneReport;
import io.coinlake.tracking.RegistryRefusal;
import io.coinlake.tracking.RegistrySnapshot;
import io.coinlake.tracking.Tracking;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code coinlake model ...}: the registered model's versions, the champion alias and retention,
 * through the tracking interfaces only, so they work the same on the file store and a tracking
 * server. No Spark is started. A refused operation (no such version, files pruned, nothing to roll
 * back to) changes nothing, prints one line saying what to do and exits 2.
 */
@Command(name = "model", description = "Registered model versions: list, show, promote, rollback, prune. No Spark.",
    subcommands = {ModelCommand.ListVersions.class, ModelCommand.Show.class, ModelCommand.Promote.class,
        ModelCommand.Rollback.class, ModelCommand.Prune.class})
final class ModelCommand {
  private ModelCommand() {}

  /** Config and tracking setup shared by the subcommands; a {@link RegistryRefusal} becomes one line and exit code 2. */
  abstract static class Subcommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Option(names = "--model", paramLabel = "NAME", description = "Registered model name (default: tasks.volatility.registeredModel).")
    String model;

    @Override
    public final Integer call() {
      if (options.date != null || options.from != null || options.to != null) {
        throw new CommonOptions.UsageError("model commands read and change the registry; --date, --from and --to do not apply to them");
      }
      CoinlakeConfig config = options.config();
      Tracking tracking = Tracking.open(config);
      try {
        return run(config, tracking, new Console(System.out));
      } catch (RegistryRefusal e) {
        System.err.println("coinlake: model " + name() + ": " + ErrorLines.oneLine(e));
        return CoinlakeMain.USAGE;
      }
    }

    abstract String name();

    abstract int run(CoinlakeConfig config, Tracking tracking, Console console);

    String model(CoinlakeConfig config) {
      return model != null ? model : config.tasks().volatility().registeredModel();
    }
  }

  @Command(name = "list", description = "Every registered model (or --model NAME) with its versions: created, run, selected model and CV metric, aliases, artifacts present or pruned.")
  static final class ListVersions extends Subcommand {
    @Override
    String name() {
      return "list";
    }

    @Override
    int run(CoinlakeConfig config, Tracking tracking, Console console) {
      List<String> registered = tracking.registry().listModels();
      if (model != null && !registered.contains(model)) {
        throw new RegistryRefusal("no registered model '" + model + "' in " + config.mlflow().trackingUri()
            + (registered.isEmpty() ? " (it has none yet; ./coinlake train registers one)" : "; registered: " + String.join(", ", registered)));
      }
      List<String> models = model != null ? List.of(model) : registered;
      if (models.isEmpty()) {
        console.line("No registered models in " + config.mlflow().trackingUri() + " yet; ./coinlake train registers one.");
        return 0;
      }
      for (int i = 0; i < models.size(); i++) {
        if (i > 0) {
          console.line("");
        }
        RegistrySnapshot snapshot = RegistrySnapshot.read(tracking.registry(), models.get(i));
        Map<Integer, String> runIds = snapshot.versions().stream()
            .filter(v -> v.runId() != null)
            .collect(Collectors.toMap(ModelVersion::version, ModelVersion::runId));
        ModelTables.list(snapshot, v -> ModelRunInfo.read(tracking.runs(), runIds.get(v), false), console);
      }
      return 0;
    }
  }

  @Command(name = "show", description = "One version in detail: source, run, params, CV metrics, tags, aliases (default: the champion).")
  static final class Show extends Subcommand {
    @Option(names = "--version", paramLabel = "N", description = "The version number.")
    Integer version;

    @Option(names = "--alias", paramLabel = "ALIAS", description = "The version an alias points at (default: champion).")
    String alias;

    @Override
    String name() {
      return "show";
    }

    @Override
    int run(CoinlakeConfig config, Tracking tracking, Console console) {
      if (version != null && alias != null) {
        throw new CommonOptions.UsageError("pass either --version or --alias, not both");
      }
      String name = model(config);
      RegistrySnapshot snapshot = RegistrySnapshot.read(tracking.registry(), name);
      String byAlias = alias != null ? alias : ModelPromotion.CHAMPION;
      Integer wanted = version != null ? version : snapshot.aliasVersion(byAlias);
      if (wanted == null) {
        throw new RegistryRefusal(name + " has no alias '" + byAlias + "'" + aliasesNote(snapshot) + "; pass --version N (./coinlake model list shows them)");
      }
      ModelVersion v = snapshot.versions().stream().filter(x -> x.version() == wanted).findFirst()
          .orElseThrow(() -> new RegistryRefusal(name + " has no version " + wanted + "; ./coinlake model list --model " + name + " shows them"));
      ModelTables.show(snapshot, v, ModelRunInfo.read(tracking.runs(), v.runId(), true), console);
      return 0;
    }

    private static String aliasesNote(RegistrySnapshot snapshot) {
      return snapshot.aliases().isEmpty() ? " (it has none)" : " (it has " + String.join(", ", snapshot.aliases().keySet()) + ")";
    }
  }

  @Command(name = "promote", description = "Move the champion alias to --version N (refused when N does not exist or its files were pruned).")
  static final class Promote extends Subcommand {
    @Option(names = "--version", paramLabel = "N", required = true, description = "The version to make champion.")
    int version;

    @Override
    String name() {
      return "promote";
    }

    @Override
    int run(CoinlakeConfig config, Tracking tracking, Console console) {
      ChampionMove move = new ModelPromotion(tracking.registry(), Clock.systemUTC()).promote(model(config), version);
      console.line(move.describe());
      return 0;
    }
  }

  @Command(name = "rollback", description = "Move the champion alias back to the previous champion.")
  static final class Rollback extends Subcommand {
    @Override
    String name() {
      return "rollback";
    }

    @Override
    int run(CoinlakeConfig config, Tracking tracking, Console console) {
      ChampionMove move = new ModelPromotion(tracking.registry(), Clock.systemUTC()).rollback(model(config));
      console.line(move.describe());
      return 0;
    }
  }

  @Command(name = "prune", description = "Delete the model files of versions older than the newest N (not aliased ones, not the champion's rollback target); the versions stay listed.")
  static final class Prune extends Subcommand {
    @Option(names = "--keep", paramLabel = "N", description = "How many of the newest versions keep their files (default: mlflow.keepModelVersions).")
    Integer keep;

    @Override
    String name() {
      return "prune";
    }

    @Override
    int run(CoinlakeConfig config, Tracking tracking, Console console) {
      if (keep != null && keep < 1) {
        throw new CommonOptions.UsageError("--keep must be at least 1, got " + keep);
      }
      int n = keep != null ? keep : config.mlflow().keepModelVersions();
      PruneReport report = new ModelRetention(tracking.runs(), tracking.registry(), Clock.systemUTC()).prune(model(config), n);
      console.line(report.describe());
      report.skippedLines().forEach(line -> console.line("  " + line));
      return 0;
    }
  }
}
