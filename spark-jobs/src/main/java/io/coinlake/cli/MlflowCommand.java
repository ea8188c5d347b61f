package io.coinlake.cli;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.ConfigLoader;
import io.coinlake.orchestrate.Console;
import io.coinlake.tracking.FileStoreBackend;
import io.coinlake.tracking.MlflowPublisher;
import io.coinlake.tracking.MlflowRestBackend;
import io.coinlake.tracking.Tracking;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coinlake mlflow ...}: MLflow chores that need no Spark. */
@Command(name = "mlflow", description = "MLflow chores: 'publish' copies the local file store to a tracking server.",
    subcommands = {MlflowCommand.Publish.class})
final class MlflowCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new CommonOptions.UsageError("name a subcommand: coinlake mlflow publish --to http(s)://host:port");
  }

  /**
   * {@code coinlake mlflow publish --to URI}: replays the local file store (mlflow.trackingUri, or
   * --from) into a tracking server; running it again publishes only what is new.
   */
  @Command(name = "publish", description = "Replay the runs (params, metric histories, tags, artifacts, parent links, times,"
      + " status), registered versions and aliases of the local file store into a tracking server. Idempotent: published"
      + " runs carry the tag coinlake.published_from.")
  static final class Publish implements Callable<Integer> {
    @Option(names = "--to", required = true, paramLabel = "URI", description = "The tracking server, http(s)://host:port.")
    String to;

    @Option(names = "--from", paramLabel = "DIR", description = "The local file store (default: mlflow.trackingUri).")
    Path from;

    @Option(names = "--config", paramLabel = "FILE", description = "Config file merged over the built-in defaults.")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one config key. Repeatable.")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() {
      CoinlakeConfig config = ConfigLoader.load(configFile, overrides);
      String source = from != null ? from.toString() : config.mlflow().trackingUri();
      if (Tracking.isServer(source)) {
        throw new CommonOptions.UsageError("publish reads a local file store, but mlflow.trackingUri is a server (" + source
            + "); pass --from DIR");
      }
      Path dir = Path.of(source.startsWith("file:") ? java.net.URI.create(source).getPath() : source);
      if (!Files.isDirectory(dir)) {
        throw new CommonOptions.UsageError("no MLflow file store at " + dir.toAbsolutePath() + "; run ./coinlake train first or pass --from DIR");
      }
      Console console = new Console(System.out);
      MlflowRestBackend server = Tracking.server(to, "--to", config.mlflow(), config.s3(), System.getenv());
      MlflowPublisher.Report report = new MlflowPublisher(new FileStoreBackend(dir), server, console::line).publish();
      console.line(String.format("published %d run(s) and %d model version(s) to %s, set %d alias(es); already there: %d run(s),"
          + " %d version(s)", report.runsPublished(), report.versionsPublished(), server.trackingUri(), report.aliasesSet(),
          report.runsSkipped(), report.versionsSkipped()));
      return 0;
    }
  }
}
