package io.coinlake.ingest;

import static org.junit.jupiter.api.Assertions.*;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast ISO date path gives what DateTimeFormatter gives, or steps aside. */
class IsoDatesTest {
  private static final String DATE = "yyyy-MM-dd";
  private static final String DATE_TIME = "yyyy-MM-dd HH:mm:ss";

  /** What OhlcvCsvParser did before the fast path: the pattern's formatter, smart resolver. */
  private static Long formatter(String value, String pattern) {
    try {
      TemporalAccessor t = DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH).parseBest(value, LocalDateTime::from, LocalDate::from);
      LocalDateTime dt = t instanceof LocalDate d ? d.atStartOfDay() : (LocalDateTime) t;
      return dt.toEpochSecond(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @Test
  void readsPlainDatesAndTimes() {
    assertEquals(LocalDate.parse("2021-01-05").toEpochDay() * 86400, IsoDates.epochSeconds("2021-01-05", DATE));
    assertEquals(LocalDate.parse("2013-04-29").toEpochDay() * 86400 + 23 * 3600 + 59 * 60 + 59,
        IsoDates.epochSeconds("2013-04-29 23:59:59", DATE_TIME));
  }

  @Test
  void takesADayPastTheMonthsEndBackAsTheFormatterDoes() {
    assertEquals(LocalDate.parse("2021-02-28").toEpochDay() * 86400, IsoDates.epochSeconds("2021-02-30", DATE));
    assertEquals(LocalDate.parse("2020-02-29").toEpochDay() * 86400, IsoDates.epochSeconds("2020-02-31", DATE));
    assertEquals(LocalDate.parse("2021-04-30").toEpochDay() * 86400, IsoDates.epochSeconds("2021-04-31", DATE));
    assertEquals(formatter("2021-02-30", DATE), IsoDates.epochSeconds("2021-02-30", DATE));
  }

  @Test
  void leavesEverythingElseToTheFormatter() {
    for (String value : new String[] {"2021-13-01", "2021-00-10", "2021-01-32", "2021-01-00", "0000-01-01", "2021-1-01",
        " 2021-01-01", "2021/01/01", "+2021-01-01", "2021-01-0x", "20210101"}) {
      assertEquals(IsoDates.NOT_FAST, IsoDates.epochSeconds(value, DATE), value);
    }
    for (String value : new String[] {"2021-01-01 24:00:00", "2021-01-01 23:60:00", "2021-01-01 23:59:60", "2021-01-01T10:00:00",
        "2021-01-01 10:00", "2021-01-01"}) {
      assertEquals(IsoDates.NOT_FAST, IsoDates.epochSeconds(value, DATE_TIME), value);
    }
    assertEquals(IsoDates.NOT_FAST, IsoDates.epochSeconds("4-Dec-19", "d-MMM-yy"), "other patterns are not for the fast path");
    assertEquals(IsoDates.NOT_FAST, IsoDates.epochSeconds("1609459200", "epoch_seconds"));
  }

  @Test
  void agreesWithTheFormatterOnManyValues() {
    Random random = new Random(7);
    int fast = 0;
    for (int i = 0; i < 20_000; i++) {
      String date = String.format("%04d-%02d-%02d", 1 + random.nextInt(2999), random.nextInt(14), random.nextInt(33));
      String time = String.format(" %02d:%02d:%02d", random.nextInt(25), random.nextInt(61), random.nextInt(61));
      for (String[] c : new String[][] {{date, DATE}, {date + time, DATE_TIME}}) {
        long got = IsoDates.epochSeconds(c[0], c[1]);
        if (got != IsoDates.NOT_FAST) {
          fast++;
          assertEquals(formatter(c[0], c[1]), got, c[0]);
        }
      }
    }
    assertTrue(fast > 10_000, "most values take the fast path: " + fast);
  }
}
