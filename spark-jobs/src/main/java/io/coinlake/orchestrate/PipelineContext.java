package io.coinlake.orchestrate;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.LogicalWindow;
import io.coinlake.ingest.IngestResult;
import io.coinlake.monitor.ReportResult;
import io.coinlake.quality.ValidationReport;
import io.coinlake.score.ScoreResult;
import io.coinlake.train.TrainResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** What the stages of one command share: the session, config, logical window, options, and each stage's result. */
public final class PipelineContext {
  final SparkSession spark;
  final CoinlakeConfig config;
  final LogicalWindow window;
  final Console console;
  final boolean reingest;
  final List<StageReport> reports = new ArrayList<>();
  IngestResult ingest;
  List<ValidationReport> validations = List.of();
  TrainResult train;
  ScoreResult score;
  ReportResult report;

  /** {@code reingest}: read files again even when their content was ingested before. */
  public PipelineContext(SparkSession spark, CoinlakeConfig config, LogicalWindow window, Console console, boolean reingest) {
    this.spark = spark;
    this.config = config;
    this.window = window;
    this.console = console;
    this.reingest = reingest;
  }

  public List<StageReport> reports() {
    return reports;
  }

  public IngestResult ingest() {
    return ingest;
  }

  public List<ValidationReport> validations() {
    return validations;
  }

  public TrainResult train() {
    return train;
  }

  public ScoreResult score() {
    return score;
  }

  public ReportResult report() {
    return report;
  }
}
