package io.coinlake.monitor;

import static io.coinlake.monitor.Html.escape;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The index page of a reports folder: every report, newest first (by report date, then task),
 * with its verdict at a glance and a link to its page. Built from the reports' JSON files each
 * time, so it always lists exactly what the folder holds. A JSON file that is not a coinlake report
 * is listed as unreadable rather than left out.
 */
public final class ReportIndex {
  private ReportIndex() {}

  /**
   * One report as the index shows it. {@code json} is its path relative to the reports folder
   * ({@code <date>/<task>.json}); {@code problem} is non-null when it could not be read.
   */
  public record Entry(String json, String date, String task, boolean datasetDrift, int driftedColumns, int columns, double share,
      double driftShare, boolean predictionDrift, boolean degraded, long labeledRows, String modelName, int modelVersion, String problem) {

    /** The report page beside the JSON file. */
    public String html() {
      return json.replaceFirst("\\.json$", ".html");
    }

    static Entry unreadable(String json, String why) {
      String[] parts = json.split("/");
      String date = parts.length > 1 ? parts[parts.length - 2] : "";
      return new Entry(json, date, parts[parts.length - 1].replaceFirst("\\.json$", ""), false, 0, 0, 0, 0, false, false, 0, "", 0, why);
    }
  }

  /** Reads one report's JSON text; a text that is not a coinlake report gives an entry with a problem. */
  public static Entry entry(String json, String text) {
    JsonNode root;
    try {
      root = ReportJson.read(text);
    } catch (JsonProcessingException e) {
      return Entry.unreadable(json, "not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
    JsonNode s = root.path(ReportJson.SUMMARY);
    JsonNode v = s.path("verdict");
    if (!s.path("report_date").isTextual() || !v.isObject()) {
      return Entry.unreadable(json, "not a coinlake report (no " + ReportJson.SUMMARY + ".report_date and verdict)");
    }
    return new Entry(json, s.path("report_date").asText(), s.path("task").asText(), v.path("dataset_drift").asBoolean(),
        v.path("number_of_drifted_columns").asInt(), v.path("number_of_columns").asInt(), v.path("share_of_drifted_columns").asDouble(),
        v.path("drift_share").asDouble(), v.path("prediction_drift").asBoolean(), v.path("degraded").asBoolean(),
        v.path("labeled_rows").asLong(), s.path("model").path("name").asText(), s.path("model").path("version").asInt(), null);
  }

  /** Newest first: report date descending, then task. */
  public static List<Entry> newestFirst(List<Entry> entries) {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(Entry::date).reversed().thenComparing(Entry::task).thenComparing(Entry::json));
    return sorted;
  }

  public static String render(List<Entry> entries) {
    StringBuilder html = new StringBuilder(8 * 1024);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>coinlake drift reports</title>\n<style>\n")
        .append(ReportStyle.CSS).append("</style>\n</head>\n<body>\n<header>\n<h1>coinlake drift reports</h1>\n<p class=\"sub\">")
        .append(entries.size()).append(entries.size() == 1 ? " report" : " reports")
        .append(", newest first. Each compares a window of recent data with the training data of the champion model.</p>\n</header>\n");
    html.append("<table>\n<thead><tr><th>date</th><th>task</th><th>model</th><th>dataset drift</th><th class=\"num\">drifted features</th>")
        .append("<th>prediction drift</th><th>model quality</th><th>files</th></tr></thead>\n<tbody>\n");
    for (Entry e : newestFirst(entries)) {
      if (e.problem() != null) {
        html.append("<tr><td>").append(escape(e.date())).append("</td><td>").append(escape(e.task()))
            .append("</td><td colspan=\"5\">unreadable: ").append(escape(e.problem())).append("</td><td><a href=\"")
            .append(escape(e.json())).append("\">json</a></td></tr>\n");
        continue;
      }
      html.append("<tr").append(e.datasetDrift() || e.degraded() ? " class=\"drift\"" : "").append("><td><a href=\"").append(escape(e.html()))
          .append("\">").append(escape(e.date())).append("</a></td><td>").append(escape(e.task())).append("</td><td>")
          .append(escape(e.modelName())).append(" v").append(e.modelVersion()).append("</td><td>")
          .append(badge(e.datasetDrift(), "drift", "no drift")).append("</td><td class=\"num\">").append(e.driftedColumns()).append(" of ")
          .append(e.columns()).append(" (").append(Html.percent(e.share())).append(")</td><td>")
          .append(badge(e.predictionDrift(), "drift", "no drift")).append("</td><td>")
          .append(e.labeledRows() == 0 ? "<span class=\"badge na\">no labels yet</span>" : badge(e.degraded(), "degraded", "ok"))
          .append("</td><td><a href=\"").append(escape(e.html())).append("\">html</a> &middot; <a href=\"").append(escape(e.json()))
          .append("\">json</a></td></tr>\n");
    }
    html.append("</tbody>\n</table>\n</body>\n</html>\n");
    return html.toString();
  }

  private static String badge(boolean bad, String yes, String no) {
    return bad ? "<span class=\"badge bad\">" + yes + "</span>" : "<span class=\"badge good\">" + no + "</span>";
  }
}
