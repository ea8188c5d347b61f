package io.coinlake.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReportHtmlTest {
  static String drifted;
  static String noLabels;

  @BeforeAll
  static void render() {
    drifted = ReportHtml.render(ReportSamples.report(9, 1.5, true));
    noLabels = ReportHtml.render(ReportSamples.report(2, 1.5, false));
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
      n++;
    }
    return n;
  }

  @Test
  void thePageIsSelfContained() {
    for (String html : List.of(drifted, noLabels)) {
      assertFalse(html.contains("http://"), "no http:// anywhere, not even an SVG namespace");
      assertFalse(html.contains("https://"), "no https:// anywhere");
      assertFalse(html.contains("<script"), "no script");
      assertFalse(html.contains("<link"), "no linked style sheet or font");
      assertFalse(html.contains(" src="), "no image, frame or script source");
      assertFalse(html.contains("@import"), "no imported CSS");
      assertFalse(html.contains("<!DOCTYPE svg") || html.contains("<?xml"), "SVG prolog removed");
      Matcher urls = Pattern.compile("url\\((?!#)").matcher(html);
      assertFalse(urls.find(), "CSS url() only points inside the page");
      Matcher links = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
      while (links.find()) {
        String target = links.group(1);
        assertTrue(target.startsWith("#") || target.equals("../index.html"), "a link stays in the page or the reports folder: " + target);
      }
    }
  }

  @Test
  void theVerdictComesFirstWithCountsThresholdsAndTheDriftedNames() {
    int verdicts = drifted.indexOf("<section class=\"verdicts\">");
    assertTrue(verdicts > 0 && verdicts < drifted.indexOf("<h2>"), "the verdict cards come before any section");
    assertTrue(drifted.contains("<div class=\"card bad\"><div class=\"label\">Dataset drift</div><div class=\"value\">DRIFT</div>"
        + "<div class=\"detail\">9 of 13 features drifted: share 69% &ge; threshold 50%</div></div>"), drifted.substring(0, 4000));
    assertTrue(drifted.contains("<div class=\"label\">Prediction drift</div><div class=\"value\">DRIFT</div>"));
    assertTrue(drifted.contains("<div class=\"label\">Model quality</div><div class=\"value\">DEGRADED</div>"));
    assertTrue(drifted.contains("Drifted features: <b>rv_7</b>, <b>rv_30</b>, <b>parkinson_7</b>, <b>garman_klass_7</b>, <b>har_rv_d</b>, "
        + "<b>har_rv_w</b>, <b>har_rv_m</b>, <b>volume_z_30</b>, <b>rsi_14</b>."));

    assertTrue(noLabels.contains("<div class=\"card good\"><div class=\"label\">Dataset drift</div><div class=\"value\">NO DRIFT</div>"
        + "<div class=\"detail\">2 of 13 features drifted: share 15% &lt; threshold 50%</div></div>"));
    assertTrue(noLabels.contains("<div class=\"card na\"><div class=\"label\">Model quality</div><div class=\"value\">NO LABELS YET</div>"));
  }

  @Test
  void everyFeatureHasATableRowWithTestScoreThresholdAndVerdictDriftedFirst() {
    List<String> rows = new ArrayList<>();
    Matcher row = Pattern.compile("<tr( class=\"drift\")?><td><a href=\"#f-([^\"]+)\">[^<]+</a></td><td>Wasserstein distance \\(normed\\)</td>"
        + "<td class=\"num\">([^<]+)</td><td class=\"num\">0\\.1</td><td><span class=\"badge (bad|good)\">(drift|ok)</span>").matcher(drifted);
    while (row.find()) {
      rows.add(row.group(2) + ":" + row.group(5) + ":" + (row.group(1) != null));
    }
    assertEquals(13, rows.size(), rows.toString());
    assertEquals("rv_7:drift:true", rows.get(0));
    assertEquals("rsi_14:drift:true", rows.get(8));
    assertEquals("log_return:ok:false", rows.get(9), "the features that did not drift follow, in model order");
    assertTrue(drifted.contains("<td class=\"num\">0% &rarr; 13%</td>"), "missing shares of reference and current");
  }

  @Test
  void theDataQualityTableHasBothWindowsOfEveryFeature() {
    assertTrue(drifted.contains("<tr><td rowspan=\"2\">rv_7</td><td>reference</td><td class=\"num\">5,000</td><td class=\"num\">0%</td>"
        + "<td class=\"num\">-3.9</td><td class=\"num\">-0.67</td><td class=\"num\">0</td><td class=\"num\">0.67</td>"
        + "<td class=\"num\">3.8</td><td class=\"num\">0</td><td class=\"num\">1</td></tr>"), "reference: rows, missing, min, quartiles, max, mean, std");
    assertTrue(drifted.contains("<tr><td>current</td><td class=\"num\">690</td><td class=\"num\">13%</td>"), "current: 90 of 690 missing");
    assertEquals(13, count(drifted, "<td rowspan=\"2\">"));
  }

  @Test
  void chartsAreInlineSvgWithIdsUniqueInThePage() {
    // 13 histograms + 1 drift-score chart + prediction histogram + predicted vs realized + 2 error charts + target
    assertEquals(19, count(drifted, "<svg"), "charts of the report with labels");
    // no labels: no error charts and no target histogram
    assertEquals(16, count(noLabels, "<svg"));
    Set<String> ids = new HashSet<>();
    Matcher id = Pattern.compile(" id=\"([^\"]+)\"").matcher(drifted);
    while (id.find()) {
      assertTrue(ids.add(id.group(1)), "id used twice: " + id.group(1));
    }
    Matcher ref = Pattern.compile("url\\(#([^)]+)\\)").matcher(drifted);
    int refs = 0;
    while (ref.find()) {
      refs++;
      assertTrue(ids.contains(ref.group(1)), "a clip path reference points at an id of the page: " + ref.group(1));
    }
    assertTrue(refs > 0, "the charts clip their plot areas");
    assertTrue(count(drifted, "class=\"chart\"") == 19, "every chart scales with the page");
  }

  @Test
  void modelQualityListsTheWindowTheCvAndEachDayAgainstTheLimit() {
    assertTrue(drifted.contains("<tr class=\"cv\"><td>champion's CV</td><td class=\"num\"></td><td class=\"num\">0.05</td>"
        + "<td class=\"num\">0.03</td><td class=\"num\">0.4</td><td>limit = 1.5 &times; CV</td></tr>"));
    assertTrue(drifted.contains("<tr><td>2021-06-01</td><td class=\"num\">23</td>"), "a row per day with its matured predictions");
    assertTrue(drifted.contains("<tr class=\"drift\"><td>2021-06-23</td>"), "a degraded day is marked");
    assertTrue(noLabels.contains("No prediction in this window has a realized label yet: a label needs 7 more days of prices."));
  }

  @Test
  void namesAreEscaped() {
    ColumnReport odd = ReportSamples.column("a<b>&\"c", 2.0, true, 5);
    MonitoringReport report = new MonitoringReport(ReportSamples.subject(), new DriftReport(0.5, List.of(odd)),
        new PredictionDrift(null, PredictionDrift.FROM_BACKTEST, 0, 0), null, ReportSamples.quality(1.5, false));
    String html = ReportHtml.render(report);
    assertFalse(html.contains("a<b>"), "no raw markup from a column name");
    assertTrue(html.contains("a&lt;b&gt;&amp;&quot;c"));
    assertTrue(html.contains("href=\"#f-a_b___c\""), "anchors use safe characters only");
    assertTrue(html.contains("NO PREDICTIONS"), "no prediction in the window is said, not charted");
  }

  @Test
  void aWindowInsideTheTrainingPeriodIsPointedOut() {
    assertFalse(drifted.contains("class=\"warn\""), "June after a champion trained as of May 31: a clean comparison");
    ReportSubject s = ReportSamples.subject();
    for (String asOf : List.of("all", "2021-06-01")) {
      ReportSubject overlapping = new ReportSubject(s.task(), s.window(), s.modelName(), s.modelVersion(), s.modelRunId(), s.selectedModel(),
          s.horizon(), s.referenceTableVersion(), asOf, s.referenceRows(), s.currentRows());
      MonitoringReport r = ReportSamples.report(2, 1.5, false);
      String html = ReportHtml.render(new MonitoringReport(overlapping, r.features(), r.prediction(), r.target(), r.quality()));
      assertTrue(html.contains("<p class=\"warn\">The current window starts before the champion's training cut-off (as of " + asOf + ")"), asOf);
    }
  }
}
