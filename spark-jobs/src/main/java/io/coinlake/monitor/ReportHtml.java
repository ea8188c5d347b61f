package io.coinlake.monitor;

import static io.coinlake.monitor.Html.count;
import static io.coinlake.monitor.Html.escape;
import static io.coinlake.monitor.Html.number;
import static io.coinlake.monitor.Html.percent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report as one self-contained HTML page: inline CSS and inline SVG charts, no script and no
 * reference to anything outside the file, so it opens the same from a laptop, an artifact store
 * or an e-mail. Top to bottom: the verdict (dataset drift, prediction drift, model quality) in
 * three cards and the drifted features by name; the table of every feature's test, score,
 * threshold and verdict with its quality numbers; the drift scores against their thresholds; the
 * reference and current histograms, drifted features first; each feature's data quality (missing
 * share, min, quartiles, max, mean) in both windows; the predictions (their drift, and
 * against realized values); the errors over time against the degradation limits; the target.
 */
public final class ReportHtml {
  private ReportHtml() {}

  public static String render(MonitoringReport report) {
    ReportSubject s = report.subject();
    StringBuilder html = new StringBuilder(64 * 1024);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(escape(title(s))).append("</title>\n<style>\n").append(ReportStyle.CSS).append("</style>\n</head>\n<body>\n");
    header(html, report);
    verdicts(html, report);
    featureTable(html, report.features());
    driftScores(html, report.features());
    histograms(html, report.features());
    dataQuality(html, report.features());
    predictions(html, report);
    quality(html, report);
    target(html, report);
    html.append("<footer>Written by coinlake's <code>report</code> task. The same numbers, machine-readable: <code>")
        .append(escape(s.task())).append(".json</code> beside this page (Evidently's DataDrift preset layout). All reports: ")
        .append("<a href=\"../index.html\">index</a>.</footer>\n</body>\n</html>\n");
    return html.toString();
  }

  static String title(ReportSubject s) {
    return s.task() + " model: drift report for " + s.reportDate();
  }

  private static void header(StringBuilder html, MonitoringReport report) {
    ReportSubject s = report.subject();
    html.append("<header>\n<h1>").append(escape(capitalized(s.task()))).append(" model &middot; drift report for ")
        .append(s.reportDate()).append("</h1>\n<p class=\"sub\">Current window <b>").append(s.window().start()).append(" to ")
        .append(s.window().end()).append("</b> (").append(s.window().days()).append(" days, ").append(count(s.currentRows()))
        .append(" feature rows) compared with the training data of the champion <b>").append(escape(s.modelName())).append(" v")
        .append(s.modelVersion()).append("</b> (").append(escape(s.selectedModel())).append(", MLflow run <code>")
        .append(escape(s.modelRunId())).append("</code>): ").append(count(s.referenceRows()))
        .append(" rows of gold.features_volatility at Delta version ").append(s.referenceTableVersion()).append(", as of ")
        .append(escape(s.referenceAsOf())).append(".</p>\n");
    if (s.overlapsTraining()) {
      html.append("<p class=\"warn\">The current window starts before the champion's training cut-off (as of ").append(escape(s.referenceAsOf()))
          .append("), so some of its rows were trained on and drift looks smaller than it is. Report on dates after the training date")
          .append(" for a clean comparison.</p>\n");
    }
    html.append("</header>\n");
  }

  private static void verdicts(StringBuilder html, MonitoringReport report) {
    DriftReport f = report.features();
    html.append("<section class=\"verdicts\">\n");
    card(html, "Dataset drift", f.datasetDrift() ? "bad" : "good", f.datasetDrift() ? "DRIFT" : "NO DRIFT",
        f.numberOfDriftedColumns() + " of " + f.numberOfColumns() + " features drifted: share " + percent(f.shareOfDriftedColumns())
            + (f.datasetDrift() ? " &ge; " : " &lt; ") + "threshold " + percent(f.driftShare()));

    PredictionDrift p = report.prediction();
    if (p.measured()) {
      ColumnDrift d = p.column().drift();
      card(html, "Prediction drift", d.detected() ? "bad" : "good", d.detected() ? "DRIFT" : "NO DRIFT",
          escape(d.stattest().displayName()) + " " + number(d.score()) + " vs threshold " + number(d.threshold()) + " ("
              + count(p.currentRows()) + " predictions against " + count(p.referenceRows()) + " from " + escape(p.referenceSource()) + ")");
    } else {
      card(html, "Prediction drift", "na", "NO PREDICTIONS", "gold.predictions holds no prediction in the window: run the score task");
    }

    Degradation g = report.quality().degradation();
    if (!g.judged()) {
      card(html, "Model quality", "na", "NO LABELS YET", "no prediction in the window has a realized label yet (labels mature "
          + report.subject().horizon() + " days after the prediction)");
    } else {
      // the metric nearest its limit (or furthest beyond it)
      String worst = (g.degraded() ? g.degradedMetrics() : List.copyOf(g.cv().byName().keySet())).stream()
          .filter(m -> !Double.isNaN(g.ratio(m))).max(java.util.Comparator.comparingDouble(g::ratio)).orElse(ErrorMetrics.RMSE);
      double value = g.current().byName().get(worst);
      double cv = g.cv().byName().get(worst);
      card(html, "Model quality", g.degraded() ? "bad" : "good", g.degraded() ? "DEGRADED" : "OK",
          worst.toUpperCase() + " " + number(value) + (g.degraded() ? " &gt; " : " &le; ") + "limit " + number(cv * g.factor()) + " ("
              + ReportCharts.format(g.factor()) + " &times; CV " + number(cv) + ") over " + count(g.current().rows()) + " matured predictions"
              + (g.degradedMetrics().size() > 1 ? "; degraded: " + String.join(", ", g.degradedMetrics()) : ""));
    }
    html.append("</section>\n");
    List<String> drifted = f.driftedColumns();
    html.append("<p class=\"drifted\">").append(drifted.isEmpty() ? "No feature drifted."
        : "Drifted features: " + String.join(", ", drifted.stream().map(n -> "<b>" + escape(n) + "</b>").toList()) + ".").append("</p>\n");
  }

  private static void card(StringBuilder html, String label, String kind, String value, String detail) {
    html.append("<div class=\"card ").append(kind).append("\"><div class=\"label\">").append(label).append("</div><div class=\"value\">")
        .append(value).append("</div><div class=\"detail\">").append(detail).append("</div></div>\n");
  }

  private static void featureTable(StringBuilder html, DriftReport features) {
    html.append("<h2>Drift per feature</h2>\n<table>\n<thead><tr><th>feature</th><th>test</th><th class=\"num\">score</th>")
        .append("<th class=\"num\">threshold</th><th>drifted</th><th class=\"num\">missing ref &rarr; cur</th>")
        .append("<th class=\"num\">mean ref &rarr; cur</th><th class=\"num\">median ref &rarr; cur</th></tr></thead>\n<tbody>\n");
    for (ColumnReport c : driftedFirst(features.columns())) {
      ColumnDrift d = c.drift();
      html.append("<tr").append(d.detected() ? " class=\"drift\"" : "").append("><td><a href=\"#f-").append(anchor(c.name())).append("\">")
          .append(escape(c.name())).append("</a></td><td>").append(escape(d.stattest().displayName())).append("</td><td class=\"num\">")
          .append(number(d.score())).append("</td><td class=\"num\">").append(number(d.threshold())).append("</td><td>")
          .append(badge(d.detected())).append("</td><td class=\"num\">").append(percent(c.reference().missingShare())).append(" &rarr; ")
          .append(percent(c.current().missingShare())).append("</td><td class=\"num\">").append(number(c.reference().mean()))
          .append(" &rarr; ").append(number(c.current().mean())).append("</td><td class=\"num\">").append(number(c.reference().p50()))
          .append(" &rarr; ").append(number(c.current().p50())).append("</td></tr>\n");
    }
    html.append("</tbody>\n</table>\n<p class=\"note\">").append(scoreNote(features.columns())).append("</p>\n");
  }

  /** How to read the scores: p-values drift when small, distances when large. */
  private static String scoreNote(List<ColumnReport> columns) {
    boolean pValues = columns.stream().anyMatch(c -> c.drift().stattest().scoresPValue());
    boolean distances = columns.stream().anyMatch(c -> !c.drift().stattest().scoresPValue());
    List<String> parts = new ArrayList<>();
    if (distances) {
      parts.add("a distance drifts when it is at or above its threshold");
    }
    if (pValues) {
      parts.add("a p-value drifts when it is at or below its threshold");
    }
    return "How to read the score: " + String.join("; ", parts) + ". Missing counts nulls and NaN; mean and median are over finite values.";
  }

  private static void driftScores(StringBuilder html, DriftReport features) {
    html.append("<h2>Drift score per feature</h2>\n");
    Map<StatTest, List<ColumnReport>> byTest = new LinkedHashMap<>();
    for (ColumnReport c : features.columns()) {
      byTest.computeIfAbsent(c.drift().stattest(), t -> new ArrayList<>()).add(c);
    }
    int i = 0;
    for (Map.Entry<StatTest, List<ColumnReport>> e : byTest.entrySet()) {
      StatTest test = e.getKey();
      html.append("<figure class=\"wide\"><figcaption>").append(escape(test.displayName())).append(": ")
          .append(test.scoresPValue() ? "bars at or below the dashed threshold drifted" : "bars at or above the dashed threshold drifted")
          .append("</figcaption>\n").append(ReportCharts.driftScores(e.getValue(), "scores" + i++)).append("\n</figure>\n");
    }
  }

  private static void histograms(StringBuilder html, DriftReport features) {
    html.append("<h2>Distributions: reference <span class=\"key ref\"></span> vs current <span class=\"key cur\"></span></h2>\n")
        .append("<p class=\"note\">Share of rows per bin; both windows over the same bins.")
        .append(features.columns().stream().anyMatch(c -> ReportCharts.zoomed(c.histogram()))
            ? " Long tails are cut: outer bins holding at most 0.25% of either window's rows are not drawn." : "")
        .append("</p>\n<div class=\"grid\">\n");
    int i = 0;
    for (ColumnReport c : driftedFirst(features.columns())) {
      histogram(html, c, "f-" + anchor(c.name()), "hist" + i++);
    }
    html.append("</div>\n");
  }

  private static void histogram(StringBuilder html, ColumnReport c, String anchor, String chartId) {
    ColumnDrift d = c.drift();
    html.append("<figure id=\"").append(anchor).append("\"").append(d.detected() ? " class=\"drift\"" : "").append("><figcaption><b>")
        .append(escape(c.name())).append("</b> ").append(badge(d.detected())).append(" <span class=\"score\">")
        .append("score ").append(number(d.score())).append(", threshold ").append(number(d.threshold()))
        .append("</span></figcaption>\n").append(ReportCharts.histogram(c, chartId)).append("\n</figure>\n");
  }

  /** Per feature, reference and current on two rows: rows, missing, and the numbers' spread. */
  private static void dataQuality(StringBuilder html, DriftReport features) {
    html.append("<h2>Data quality</h2>\n<table class=\"quality\">\n<thead><tr><th>feature</th><th></th><th class=\"num\">rows</th>")
        .append("<th class=\"num\">missing</th><th class=\"num\">min</th><th class=\"num\">25%</th><th class=\"num\">median</th>")
        .append("<th class=\"num\">75%</th><th class=\"num\">max</th><th class=\"num\">mean</th><th class=\"num\">std</th></tr></thead>\n<tbody>\n");
    for (ColumnReport c : features.columns()) {
      qualityRow(html, "<td rowspan=\"2\">" + escape(c.name()) + "</td>", "reference", c.reference());
      qualityRow(html, "", "current", c.current());
      if (!c.newCategories().isEmpty()) {
        html.append("<tr><td></td><td colspan=\"10\">new in current: ").append(escape(String.join(", ", c.newCategories()))).append("</td></tr>\n");
      }
    }
    html.append("</tbody>\n</table>\n");
  }

  private static void qualityRow(StringBuilder html, String first, String side, ColumnQuality q) {
    html.append("<tr>").append(first).append("<td>").append(side).append("</td><td class=\"num\">").append(count(q.rows()))
        .append("</td><td class=\"num\">").append(percent(q.missingShare())).append("</td>");
    for (Double v : new Double[] {q.min(), q.p25(), q.p50(), q.p75(), q.max(), q.mean(), q.std()}) {
      html.append("<td class=\"num\">").append(number(v)).append("</td>");
    }
    html.append("</tr>\n");
  }

  private static void predictions(StringBuilder html, MonitoringReport report) {
    PredictionDrift p = report.prediction();
    ModelQuality.Result q = report.quality();
    html.append("<h2>Predictions</h2>\n<div class=\"grid\">\n");
    if (p.measured()) {
      histogram(html, p.column(), "prediction-drift", "pred");
    }
    if (!q.daily().isEmpty()) {
      html.append("<figure class=\"wide\"><figcaption><b>Predicted vs realized</b> per day, mean over symbols; realized only where the label has matured</figcaption>\n")
          .append(ReportCharts.predictionsOverTime(q.daily(), "pvr")).append("\n</figure>\n");
    }
    html.append("</div>\n");
    if (p.measured()) {
      html.append("<p class=\"note\">Reference predictions: ").append(PredictionDrift.FROM_BACKTEST.equals(p.referenceSource())
          ? "the champion's out-of-fold predictions in gold.backtest (too few predictions were served over its training period)"
          : "the predictions served over the champion's training period (gold.predictions)").append(".</p>\n");
    }
  }

  private static void quality(StringBuilder html, MonitoringReport report) {
    ModelQuality.Result q = report.quality();
    Degradation g = q.degradation();
    html.append("<h2>Model quality</h2>\n");
    if (!g.judged()) {
      html.append("<p class=\"note\">No prediction in this window has a realized label yet: a label needs ").append(report.subject().horizon())
          .append(" more days of prices. The champion's CV errors, for later: RMSE ").append(number(g.cv().rmse())).append(", MAE ")
          .append(number(g.cv().mae())).append(", QLIKE ").append(number(g.cv().qlike())).append(".</p>\n");
      return;
    }
    html.append("<p class=\"note\">The model is degraded when an error over the whole window exceeds its limit, ")
        .append(ReportCharts.format(g.factor())).append(" &times; the champion's CV error; ").append(period(q))
        .append("s above a limit are marked.</p>\n");
    html.append("<div class=\"grid\">\n<figure class=\"wide\"><figcaption><b>RMSE and MAE</b> per ").append(period(q))
        .append(" against their limits (dashed)</figcaption>\n")
        .append(ReportCharts.errorsOverTime(q.periods(), g, List.of(ErrorMetrics.RMSE, ErrorMetrics.MAE), "err")).append("\n</figure>\n")
        .append("<figure class=\"wide\"><figcaption><b>QLIKE</b> per ").append(period(q)).append(" against its limit (dashed)</figcaption>\n")
        .append(ReportCharts.errorsOverTime(q.periods(), g, List.of(ErrorMetrics.QLIKE), "qlike")).append("\n</figure>\n</div>\n");
    html.append("<table>\n<thead><tr><th>").append(period(q)).append("</th><th class=\"num\">matured predictions</th>")
        .append("<th class=\"num\">RMSE</th><th class=\"num\">MAE</th><th class=\"num\">QLIKE</th><th>degraded</th></tr></thead>\n<tbody>\n");
    html.append("<tr class=\"cv\"><td>champion's CV</td><td class=\"num\"></td><td class=\"num\">").append(number(g.cv().rmse()))
        .append("</td><td class=\"num\">").append(number(g.cv().mae())).append("</td><td class=\"num\">").append(number(g.cv().qlike()))
        .append("</td><td>limit = ").append(ReportCharts.format(g.factor())).append(" &times; CV</td></tr>\n");
    row(html, "<b>whole window</b>", g.current(), g.degradedMetrics());
    for (ModelQuality.PeriodErrors p : q.periods()) {
      row(html, p.start().toString(), p.errors(), p.degradedMetrics());
    }
    html.append("</tbody>\n</table>\n");
  }

  private static void row(StringBuilder html, String label, ErrorMetrics e, List<String> degraded) {
    html.append("<tr").append(degraded.isEmpty() ? "" : " class=\"drift\"").append("><td>").append(label).append("</td><td class=\"num\">")
        .append(count(e.rows())).append("</td><td class=\"num\">").append(number(e.rmse())).append("</td><td class=\"num\">")
        .append(number(e.mae())).append("</td><td class=\"num\">").append(number(e.qlike())).append("</td><td>")
        .append(degraded.isEmpty() ? "no" : "<b>" + String.join(", ", degraded) + "</b>").append("</td></tr>\n");
  }

  private static void target(StringBuilder html, MonitoringReport report) {
    if (report.target() == null) {
      return;
    }
    html.append("<h2>Target: realized volatility</h2>\n<p class=\"note\">The labels of the window that have matured, against the training labels.</p>\n<div class=\"grid\">\n");
    histogram(html, report.target(), "target-drift", "target");
    html.append("</div>\n");
  }

  private static String period(ModelQuality.Result q) {
    return q.period().name().toLowerCase();
  }

  private static String badge(boolean drifted) {
    return drifted ? "<span class=\"badge bad\">drift</span>" : "<span class=\"badge good\">ok</span>";
  }

  private static List<ColumnReport> driftedFirst(List<ColumnReport> columns) {
    List<ColumnReport> out = new ArrayList<>(columns.stream().filter(c -> c.drift().detected()).toList());
    columns.stream().filter(c -> !c.drift().detected()).forEach(out::add);
    return out;
  }

  /** An id fragment for a column name: letters, digits, - and _ only. */
  static String anchor(String name) {
    return name.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
