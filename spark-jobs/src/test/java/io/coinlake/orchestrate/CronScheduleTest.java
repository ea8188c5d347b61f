package io.coinlake.orchestrate;

import static org.junit.jupiter.api.Assertions.*;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
  private static ZonedDateTime at(String iso) {
    return ZonedDateTime.parse(iso);
  }

  @Test
  void dailyFiresAtTheTimeAndTheLogicalDateIsTheDayBefore() {
    CronSchedule daily = CronSchedule.parse("30 1 * * *");
    assertEquals(at("2026-11-22T01:30Z"), daily.next(at("2026-11-21T07:00Z")));
    assertEquals(at("2026-11-22T01:30Z"), daily.next(at("2026-11-22T01:29:59Z")));
    assertEquals(at("2026-11-23T01:30Z"), daily.next(at("2026-11-22T01:30Z")), "strictly after");
    assertEquals(at("2026-11-21T01:30Z"), daily.previous(at("2026-11-22T01:30Z")), "strictly before");
    assertEquals(LocalDate.parse("2026-11-21"), daily.logicalDate(at("2026-11-22T01:30Z")));
  }

  @Test
  void stepsRangesListsAndMonthEnds() {
    assertEquals(at("2026-11-21T07:15Z"), CronSchedule.parse("*/15 * * * *").next(at("2026-11-21T07:00Z")));
    assertEquals(at("2026-11-21T09:00Z"), CronSchedule.parse("0 9-17/4 * * *").next(at("2026-11-21T07:00Z")));
    assertEquals(at("2026-11-21T13:00Z"), CronSchedule.parse("0 9-17/4 * * *").next(at("2026-11-21T09:00Z")));
    assertEquals(at("2026-11-21T07:45Z"), CronSchedule.parse("5,45 * * * *").next(at("2026-11-21T07:05Z")));
    assertEquals(at("2027-01-31T00:00Z"), CronSchedule.parse("0 0 31 * *").next(at("2026-12-31T00:00Z")));
    assertEquals(at("2028-02-29T00:00Z"), CronSchedule.parse("0 0 29 2 *").next(at("2026-11-21T00:00Z")));
  }

  @Test
  void dayOfWeekAloneAndOrWithDayOfMonth() {
    // 2026-11-21 is a Saturday; 0 and 7 are Sunday
    assertEquals(at("2026-11-22T00:00Z"), CronSchedule.parse("0 0 * * 0").next(at("2026-11-21T12:00Z")));
    assertEquals(at("2026-11-22T00:00Z"), CronSchedule.parse("0 0 * * 7").next(at("2026-11-21T12:00Z")));
    assertEquals(at("2026-11-23T00:00Z"), CronSchedule.parse("0 0 * * 1-5").next(at("2026-11-21T12:00Z")));
    // both restricted: the 1st of the month OR a Monday
    assertEquals(at("2026-11-23T00:00Z"), CronSchedule.parse("0 0 1 * 1").next(at("2026-11-21T12:00Z")));
    assertEquals(at("2026-12-01T00:00Z"), CronSchedule.parse("0 0 1 * 1").next(at("2026-11-30T12:00Z")));
  }

  @Test
  void badExpressionsNameTheField() {
    assertEquals("cron expression '30 1 * *' must have 5 fields (minute hour day-of-month month day-of-week), e.g. '30 1 * * *' for 01:30 UTC daily",
        assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("30 1 * *")).getMessage());
    assertEquals("cron hour field '25': 25 is outside 0-23; use *, n, a-b, */n, a-b/n or lists of them",
        assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("0 25 * * *")).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("0 0 * * mon")).getMessage()
        .startsWith("cron day of week field 'mon': 'mon' is not a number"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("0 0 31 2 *").next(at("2026-01-01T00:00Z")))
        .getMessage().contains("never fires"));
  }
}
