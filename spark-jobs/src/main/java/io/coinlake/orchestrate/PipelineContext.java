package io.coinlake.orchestrate;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.LogicalWindow;
import io.coinlake.ingest.IngestResult;
import io.coinlake.quality.ValidationReport;
import io.coinlake.score.ScoreResult;
import io.coinlake.train.TrainResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** What the stages of one command share: the session, config, logical window, and each stage's result. */
public final class PipelineContext {
  final SparkSession spark;
  final CoinlakeConfig config;
  final LogicalWindow window;
  final List<StageReport> reports = new ArrayList<>();
  IngestResult ingest;
  ValidationReport validation;
  TrainResult train;
  ScoreResult score;

  public PipelineContext(SparkSession spark, CoinlakeConfig config, LogicalWindow window) {
    this.spark = spark;
    this.config = config;
    this.window = window;
  }

  public List<StageReport> reports() {
    return reports;
  }

  public IngestResult ingest() {
    return ingest;
  }

  public ValidationReport validation() {
    return validation;
  }

  public TrainResult train() {
    return train;
  }

  public ScoreResult score() {
    return score;
  }
}
