package io.coinlake.cli;

import io.coinlake.config.ConfigException;
import io.coinlake.config.Secrets;
import io.coinlake.orchestrate.ErrorLines;
import io.coinlake.orchestrate.StageFailedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The coinlake command line. Exit codes: 0 success, 1 a task failed, 2 a usage or config error.
 * Failures print one line; the stack trace goes to a log file named in that line. Both have
 * secret-looking values masked ({@link Secrets}).
 */
@Command(name = "coinlake", mixinStandardHelpOptions = true, version = "coinlake 0.1.0",
    description = "Crypto market data -> Delta lake -> contracts -> features -> models -> predictions.",
    subcommands = {RunCommand.class, StatusCommand.class, ScheduleCommand.class, Commands.Ingest.class, Commands.Validate.class, Commands.Features.class,
        Commands.Train.class, Commands.Score.class, Commands.Report.class, SqlCommand.class, FetchCommand.class, ModelCommand.class,
        MlflowCommand.class, GenerateCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class CoinlakeMain {
  public static final int FAILED = 1;
  public static final int USAGE = 2;

  public static void main(String[] args) {
    JitDirectives.installInBackground(); // keeps C2 off the driver's query-planning compilers, before the first query
    System.exit(execute(args));
  }

  /** Runs the CLI and returns its exit code (tests call this). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new CoinlakeMain());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> handle(e));
    return cli.execute(args);
  }

  private static int handle(Exception e) {
    Throwable cause = e instanceof StageFailedException s && s.getCause() != null ? s.getCause() : e;
    if (cause instanceof ConfigException || cause instanceof CommonOptions.UsageError || cause instanceof IllegalArgumentException && e == cause) {
      System.err.println("coinlake: " + ErrorLines.oneLine(cause));
      return USAGE;
    }
    String where = e instanceof StageFailedException s ? s.stage() + " failed: " : "failed: ";
    System.err.println("coinlake: " + where + ErrorLines.oneLine(cause) + traceNote(e));
    return cause instanceof ConfigException ? USAGE : FAILED;
  }

  private static String traceNote(Throwable e) {
    try {
      Path log = Path.of(System.getProperty("java.io.tmpdir"), "coinlake-last-error.log");
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      Files.writeString(log, Secrets.redact(trace.toString()));
      return " (stack trace: " + log + ")";
    } catch (IOException io) {
      return "";
    }
  }
}
