package io.coinlake.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.coinlake.config.LogicalWindow;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ReportWindowTest {
  private static final LocalDate D = LocalDate.parse("2021-07-06");

  @Test
  void aLogicalDateIsTheLastDayOfAWindowOfTheConfiguredLength() {
    ReportWindow w = ReportWindow.of(LogicalWindow.asOf(D), LocalDate.parse("2030-01-01"), 30);
    assertEquals(new ReportWindow(LocalDate.parse("2021-06-07"), D), w, "the newest prediction does not matter when a date is given");
    assertEquals(30, w.days());
    assertEquals(new ReportWindow(D, D), ReportWindow.of(LogicalWindow.asOf(D), null, 1));
  }

  @Test
  void fromAndToAreTheWindowAsGiven() {
    ReportWindow w = ReportWindow.of(new LogicalWindow(LocalDate.parse("2021-01-01"), D), null, 30);
    assertEquals(new ReportWindow(LocalDate.parse("2021-01-01"), D), w);
    assertEquals(187, w.days());
  }

  @Test
  void withoutADateTheWindowEndsOnTheNewestScoredDay() {
    assertEquals(new ReportWindow(LocalDate.parse("2021-06-29"), D), ReportWindow.of(LogicalWindow.all(), D, 8));
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> ReportWindow.of(LogicalWindow.all(), null, 8));
    assertEquals("no end date for the report window: give --date or --to", none.getMessage());
  }

  @Test
  void theSqlConditionCoversWholeDays() {
    assertEquals("true AND ts >= TIMESTAMP '2021-06-07 00:00:00' AND ts < TIMESTAMP '2021-07-07 00:00:00'",
        ReportWindow.of(LogicalWindow.asOf(D), null, 30).sqlCondition("ts"));
  }
}
