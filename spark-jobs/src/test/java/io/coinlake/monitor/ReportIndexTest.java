package io.coinlake.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportIndexTest {
  private static MonitoringReport dated(String end, int drifted, boolean labels) {
    MonitoringReport r = ReportSamples.report(drifted, 1.5, labels);
    ReportSubject s = r.subject();
    ReportWindow window = new ReportWindow(LocalDate.parse(end).minusDays(29), LocalDate.parse(end));
    ReportSubject moved = new ReportSubject(s.task(), window, s.modelName(), s.modelVersion(), s.modelRunId(), s.selectedModel(), s.horizon(),
        s.referenceTableVersion(), s.referenceAsOf(), s.referenceRows(), s.currentRows());
    return new MonitoringReport(moved, r.features(), r.prediction(), r.target(), r.quality());
  }

  @Test
  void anEntryCarriesTheVerdictOfItsJson() {
    ReportIndex.Entry e = ReportIndex.entry("2021-06-30/volatility.json", ReportJson.write(ReportSamples.report(9, 1.5, true)));
    assertNull(e.problem());
    assertEquals("2021-06-30", e.date());
    assertEquals("volatility", e.task());
    assertEquals("2021-06-30/volatility.html", e.html());
    assertTrue(e.datasetDrift());
    assertEquals(9, e.driftedColumns());
    assertEquals(13, e.columns());
    assertTrue(e.predictionDrift());
    assertTrue(e.degraded());
    assertEquals(529, e.labeledRows());
    assertEquals("coinlake-volatility", e.modelName());
    assertEquals(3, e.modelVersion());
  }

  @Test
  void reportsAreListedNewestFirstWithLinksAndTheirVerdicts() {
    List<ReportIndex.Entry> entries = List.of(
        ReportIndex.entry("2021-06-30/volatility.json", ReportJson.write(dated("2021-06-30", 9, true))),
        ReportIndex.entry("2021-07-06/volatility.json", ReportJson.write(dated("2021-07-06", 2, false))),
        ReportIndex.entry("2021-05-31/volatility.json", ReportJson.write(dated("2021-05-31", 1, true))));
    assertEquals(List.of("2021-07-06", "2021-06-30", "2021-05-31"), ReportIndex.newestFirst(entries).stream().map(ReportIndex.Entry::date).toList());

    String html = ReportIndex.render(entries);
    int newest = html.indexOf("<a href=\"2021-07-06/volatility.html\">2021-07-06</a>");
    int middle = html.indexOf("<a href=\"2021-06-30/volatility.html\">2021-06-30</a>");
    int oldest = html.indexOf("<a href=\"2021-05-31/volatility.html\">2021-05-31</a>");
    assertTrue(newest > 0 && newest < middle && middle < oldest, "newest first");
    assertTrue(html.contains("3 reports, newest first."));
    assertTrue(html.contains("<td class=\"num\">9 of 13 (69%)</td>"));
    assertTrue(html.contains("<span class=\"badge na\">no labels yet</span>"), "the newest has no matured labels");
    assertTrue(html.contains("<span class=\"badge bad\">degraded</span>"));
    assertTrue(html.contains("<a href=\"2021-06-30/volatility.json\">json</a>"));
    assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script"), "self-contained");
  }

  @Test
  void aFileThatIsNotAReportIsListedAsUnreadable() {
    ReportIndex.Entry broken = ReportIndex.entry("2021-07-01/volatility.json", "{\"metrics\": [");
    assertTrue(broken.problem().startsWith("not valid JSON: "), broken.problem());
    assertEquals("2021-07-01", broken.date());
    ReportIndex.Entry foreign = ReportIndex.entry("misc/notes.json", "{\"a\": 1}");
    assertEquals("not a coinlake report (no coinlake.report_date and verdict)", foreign.problem());
    String html = ReportIndex.render(List.of(broken, foreign));
    assertTrue(html.contains("<td colspan=\"5\">unreadable: not a coinlake report (no coinlake.report_date and verdict)</td>"), html);
  }
}
