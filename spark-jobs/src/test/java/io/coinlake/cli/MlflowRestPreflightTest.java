package io.coinlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coinlake.testing.CliRun;
import io.coinlake.testing.FakeMlflowServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that use MLflow check the tracking server before any Spark work: an unreachable one
 * is one line and exit code 1, before the session would even look for a Spark master.
 */
class MlflowRestPreflightTest {
  @TempDir Path tmp;

  @Test
  void anUnreachableServerStopsTrainScoreReportAndRunBeforeSpark() throws Exception {
    // without a Spark master, reaching SparkSessions.create would exit 2 instead: that proves the order
    int port = FakeMlflowServer.unusedPort();
    for (String command : new String[] {"train", "score", "report", "run"}) {
      String err = stderrOf(command, "--set", "mlflow.trackingUri=http://127.0.0.1:" + port, "--set", "mlflow.http.maxAttempts=1",
          "--set", "lake.root=" + tmp.resolve("lake"));
      String line = err.lines().filter(l -> l.startsWith("coinlake:")).findFirst().orElse(err);
      assertTrue(line.startsWith("coinlake: failed: MLflow tracking server http://127.0.0.1:" + port + " (from mlflow.trackingUri)"
          + " is down, unreachable or overloaded: GET /api/2.0/mlflow/experiments/get-by-name gave up after 1 attempt(s), last"
          + " problem: cannot connect to 127.0.0.1:" + port + " (connection refused); start the server or fix mlflow.trackingUri,"
          + " or raise mlflow.http.maxAttempts"), command + ": " + err);
      assertEquals(1, exitCode, command);
    }
  }

  @Test
  void ingestDoesNotNeedTheServer() throws Exception {
    String err = stderrOf("ingest", "--set", "mlflow.trackingUri=http://127.0.0.1:" + FakeMlflowServer.unusedPort(),
        "--set", "lake.root=" + tmp.resolve("lake"));
    assertEquals(2, exitCode, err);
    assertTrue(err.contains("no Spark master is set"), err);
  }

  private int exitCode;

  private String stderrOf(String... args) {
    String master = System.clearProperty("spark.master"); // as a user without spark-submit or ./coinlake
    try {
      CliRun run = CliRun.of(args);
      exitCode = run.exit();
      return run.err();
    } finally {
      if (master != null) {
        System.setProperty("spark.master", master);
      }
    }
  }
}
