package io.coinlake.cli;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.ConfigLoader;
import io.coinlake.config.LogicalWindow;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every command takes: the config file, overrides, and the logical date or range. */
public final class CommonOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "Config file merged over the built-in defaults (default: ./conf/coinlake.yaml if present).")
  Path configFile;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one config key, e.g. --set tasks.volatility.horizon=14. Repeatable.")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Logical date: process data up to and including this day.")
  LocalDate date;

  @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First logical date of a range (with --to).")
  LocalDate from;

  @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last logical date of a range.")
  LocalDate to;

  CoinlakeConfig config() {
    return ConfigLoader.load(configFile, overrides);
  }

  LogicalWindow window() {
    if (date != null && (from != null || to != null)) {
      throw new UsageError("use either --date or --from/--to, not both");
    }
    if (from != null && to == null) {
      throw new UsageError("--from needs --to");
    }
    return date != null ? LogicalWindow.asOf(date) : new LogicalWindow(from, to);
  }

  /** A usage mistake picocli cannot see on its own; exits with code 2. */
  static final class UsageError extends RuntimeException {
    UsageError(String message) {
      super(message);
    }
  }
}
