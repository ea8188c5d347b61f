package io.coinlake.orchestrate;

import io.coinlake.lake.Lake;
import io.coinlake.quality.ValidateJob;
import io.coinlake.quality.ValidationReport;
import io.coinlake.train.FoldMetrics;
import io.coinlake.train.Metrics;
import io.coinlake.train.TrainResult;
import java.util.List;
import java.util.Map;

/** The text a run ends with: per-stage timings and counts, the file ledger, model selection, where to look. */
public final class Summary {
  private Summary() {}

  static String counts(StageReport r) {
    StringBuilder s = new StringBuilder();
    if (r.rowsIn() >= 0) {
      s.append("rows in ").append(r.rowsIn());
    }
    if (r.accepted() >= 0) {
      s.append(", accepted ").append(r.accepted()).append(", quarantined ").append(r.quarantined());
    }
    if (r.rowsOut() >= 0) {
      s.append(s.length() > 0 ? ", " : "").append("rows out ").append(r.rowsOut());
    }
    if (r.note() != null && !r.note().isEmpty()) {
      s.append(s.length() > 0 ? "; " : "").append(r.note());
    }
    return s.toString();
  }

  public static void print(PipelineContext ctx, Lake lake, String trackingUri, Console console) {
    console.line("");
    console.line("== coinlake run summary (logical window: " + ctx.window.label() + ") ==");
    console.line(String.format("%-10s %8s %10s %10s %12s %10s", "stage", "wall s", "rows in", "accepted", "quarantined", "rows out"));
    double total = 0;
    for (StageReport r : ctx.reports) {
      total += r.seconds();
      console.line(String.format("%-10s %8.1f %10s %10s %12s %10s", r.stage(), r.seconds(), n(r.rowsIn()), n(r.accepted()),
          n(r.quarantined()), n(r.rowsOut())));
    }
    console.line(String.format("%-10s %8.1f", "total", total));
    if (ctx.ingest != null && !ctx.validations.isEmpty()) {
      printLedger(ctx, lake, console);
    }
    for (ValidationReport v : ctx.validations) {
      console.line("Contract " + v.source() + ": quarantined by check " + v.quarantinedByCheck() + "; warnings " + v.warningsByCheck());
    }
    if (ctx.train != null) {
      printModels(ctx.train, console);
    }
    if (ctx.score != null) {
      console.line(String.format("Predictions: %d symbols scored at their newest ts (up to %s) by %s v%d -> gold.predictions",
          ctx.score.predictions(), ctx.score.newestTs(), ctx.score.modelName(), ctx.score.version()));
    }
    if (ctx.report != null) {
      var r = ctx.report;
      console.line(String.format("Monitoring %s (window %s to %s): %s", r.reportDate(), r.window().start(), r.window().end(), r.verdict()));
      if (r.alertDue()) {
        console.line("  " + r.alertLine());
      }
    }
    console.line("Where to look:");
    console.line("  tables   " + lake.root() + "/{bronze,silver,quarantine,gold,ops}/...   e.g. ./coinlake sql \"SELECT * FROM gold.predictions\"");
    console.line("  mlflow   " + trackingUri + (io.coinlake.tracking.Tracking.isServer(trackingUri) ? "   (open it in a browser)"
        : "   (mlflow ui --backend-store-uri " + trackingUri + ")"));
    console.line("  reports  " + lake.path(ValidateJob.REPORT_DIR) + "/<contract>_" + ctx.window.label() + ".json");
    if (ctx.report != null) {
      console.line("  drift    " + ctx.report.htmlPath() + "   (all reports: " + ctx.report.indexPath() + "; ./coinlake sql \"SELECT * FROM ops.monitoring\")");
    }
  }

  private static void printLedger(PipelineContext ctx, Lake lake, Console console) {
    List<FileReconciliation.Line> ledger = FileReconciliation.of(ctx.spark, lake, ctx.ingest);
    long read = 0, accepted = 0, quarantined = 0, pending = 0;
    int unbalanced = 0;
    for (FileReconciliation.Line l : ledger) {
      read += l.read();
      accepted += l.accepted();
      quarantined += l.quarantined();
      pending += l.pending();
      if (!l.balanced()) {
        unbalanced++;
        console.line("  UNBALANCED " + l);
      }
    }
    if (ctx.ingest.count(io.coinlake.lake.Columns.STATUS_SKIPPED) + ctx.ingest.count(io.coinlake.lake.Columns.STATUS_UNREADABLE) > 0) {
      console.line(String.format("Files not read: %d skipped (content ingested before), %d unreadable (see the ERROR lines above)",
          ctx.ingest.count(io.coinlake.lake.Columns.STATUS_SKIPPED), ctx.ingest.count(io.coinlake.lake.Columns.STATUS_UNREADABLE)));
    }
    console.line(String.format("Nothing lost: %d files, rows read %d = accepted %d + quarantined %d%s -> %s",
        ledger.size(), read, accepted, quarantined, pending > 0 ? " + after the logical date " + pending : "",
        unbalanced == 0 ? "balanced for every file" : unbalanced + " files UNBALANCED"));
  }

  private static void printModels(TrainResult t, Console console) {
    console.line(String.format("Model selection by mean %s over %d walk-forward folds (%d training rows):", t.selectionMetric(),
        t.folds(), t.trainingRows()));
    console.line(String.format("    %-24s %9s %9s %9s %9s", "model", Metrics.QLIKE, Metrics.RMSE, Metrics.MAE, Metrics.R2));
    for (Map.Entry<String, FoldMetrics> e : t.means().entrySet()) {
      FoldMetrics m = e.getValue();
      console.line(String.format("  %s %-24s %9.4f %9.4f %9.4f %9.4f", e.getKey().equals(t.bestModel()) ? "*" : " ", e.getKey(),
          m.qlike(), m.rmse(), m.mae(), m.r2()));
    }
    String champion = t.championMoved()
        ? "champion -> v" + t.version() + (t.previousChampion() == null ? " (first version)" : " (beat v" + t.previousChampion() + ")")
        : "champion stays v" + t.previousChampion() + " (v" + t.version() + " did not beat it)";
    console.line("Registered " + t.version() + " in MLflow run " + t.runId() + "; " + champion);
    if (t.pruning() != null && (!t.pruning().pruned().isEmpty() || !t.pruning().skipped().isEmpty())) {
      console.line("Retention: " + t.pruning().describe());
      t.pruning().skippedLines().forEach(line -> console.line("  " + line));
    }
  }

  private static String n(long v) {
    return v < 0 ? "-" : Long.toString(v);
  }
}
