package io.coinlake.orchestrate;

import io.coinlake.features.FeaturesVolatilityJob;
import io.coinlake.ingest.IngestJob;
import io.coinlake.monitor.ReportVolatilityJob;
import io.coinlake.quality.ValidateJob;
import io.coinlake.quality.ValidationReport;
import io.coinlake.score.ScoreVolatilityJob;
import io.coinlake.train.TrainVolatilityJob;
import java.util.function.Function;

/** The pipeline's stages in dependency order; each runs one job and reports its counts. */
public enum Stage {
  INGEST("ingest", ctx -> {
    ctx.ingest = IngestJob.run(ctx.spark, ctx.config, ctx.reingest);
    var r = ctx.ingest;
    IngestLines.print(r, ctx.console);
    return new StageReport("ingest", 0, r.rowsRead(), r.rowsToBronze(), r.rowsQuarantined(), r.rowsToBronze(),
        IngestLines.note(r));
  }),
  VALIDATE("validate", ctx -> {
    ctx.validations = new java.util.ArrayList<>();
    try {
      ValidateJob.runAll(ctx.spark, ctx.config, ctx.window, ctx.validations);
    } finally {
      ValidationLines.print(ctx.validations, ctx.console);
    }
    var v = ctx.validations;
    long in = v.stream().mapToLong(ValidationReport::rowsIn).sum();
    long accepted = v.stream().mapToLong(ValidationReport::rowsAccepted).sum();
    return new StageReport("validate", 0, in, accepted, in - accepted, accepted,
        v.size() + " contracts -> silver");
  }),
  FEATURES("features", ctx -> {
    long rows = FeaturesVolatilityJob.run(ctx.spark, ctx.config, ctx.window);
    return new StageReport("features", 0, -1, -1, -1, rows, "gold.features_volatility");
  }),
  TRAIN("train", ctx -> {
    ctx.train = TrainVolatilityJob.run(ctx.spark, ctx.config, ctx.window);
    var t = ctx.train;
    return new StageReport("train", 0, t.trainingRows(), -1, -1, -1,
        "best " + t.bestModel() + ", registered version " + t.version() + ", MLflow run " + t.runId());
  }),
  SCORE("score", ctx -> {
    ctx.score = ScoreVolatilityJob.run(ctx.spark, ctx.config, ctx.window);
    var s = ctx.score;
    return new StageReport("score", 0, -1, -1, -1, s.predictions(),
        "gold.predictions by " + s.modelName() + " v" + s.version());
  }),
  REPORT("report", ctx -> {
    ctx.report = ReportVolatilityJob.run(ctx.spark, ctx.config, ctx.window);
    var r = ctx.report;
    ctx.console.line("[report] " + r.verdict());
    if (r.alertDue()) {
      ctx.console.line("[report] " + r.alertLine());
    }
    return new StageReport("report", 0, r.currentRows(), -1, -1, -1, r.htmlPath());
  });

  private final String label;
  private final Function<PipelineContext, StageReport> body;

  Stage(String label, Function<PipelineContext, StageReport> body) {
    this.label = label;
    this.body = body;
  }

  public String label() {
    return label;
  }

  /** The stage a pipeline task's command names; the message lists the valid commands. */
  public static Stage fromLabel(String label) {
    for (Stage stage : values()) {
      if (stage.label.equals(label)) {
        return stage;
      }
    }
    throw new IllegalArgumentException("unknown command '" + label + "'; use one of " + labels());
  }

  public static java.util.List<String> labels() {
    return java.util.Arrays.stream(values()).map(Stage::label).toList();
  }

  /** Runs the stage with a progress line at start and end; the report is added to the context. */
  public StageReport run(PipelineContext ctx, Console console) {
    console.line(String.format("[%s] started", label));
    long start = System.nanoTime();
    try {
      StageReport report = body.apply(ctx).withSeconds((System.nanoTime() - start) / 1e9);
      ctx.reports.add(report);
      console.line(String.format("[%s] done in %.1f s: %s", label, report.seconds(), Summary.counts(report)));
      return report;
    } catch (Exception e) { // Spark throws checked SparkException without declaring it
      console.line(String.format("[%s] FAILED after %.1f s", label, (System.nanoTime() - start) / 1e9));
      throw new StageFailedException(label, e);
    }
  }
}
