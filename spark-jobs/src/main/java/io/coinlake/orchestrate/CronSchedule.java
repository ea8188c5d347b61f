package io.coinlake.orchestrate;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;

/**
 * A 5-field cron expression (minute hour day-of-month month day-of-week) evaluated in UTC, as
 * Airflow and crontab read it: {@code *}, numbers, ranges {@code a-b}, steps {@code * /n} and
 * {@code a-b/n}, lists {@code a,b}; day of week 0-7 (0 and 7 are Sunday). When both day fields
 * are restricted a day matches either, as in crontab.
 */
public final class CronSchedule {
  private final String expression;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean dayOfMonthRestricted;
  private final boolean dayOfWeekRestricted;

  private CronSchedule(String expression, String[] f) {
    this.expression = expression;
    minutes = field(f[0], 0, 59, "minute");
    hours = field(f[1], 0, 23, "hour");
    daysOfMonth = field(f[2], 1, 31, "day of month");
    months = field(f[3], 1, 12, "month");
    BitSet dow = field(f[4], 0, 7, "day of week");
    if (dow.get(7)) {
      dow.set(0);
    }
    daysOfWeek = dow;
    dayOfMonthRestricted = !f[2].equals("*");
    dayOfWeekRestricted = !f[4].equals("*");
  }

  /** Parses an expression; the error names the field and says what a valid one looks like. */
  public static CronSchedule parse(String expression) {
    String trimmed = expression == null ? "" : expression.trim();
    String[] fields = trimmed.split("\\s+");
    if (fields.length != 5) {
      throw new IllegalArgumentException("cron expression '" + trimmed + "' must have 5 fields"
          + " (minute hour day-of-month month day-of-week), e.g. '30 1 * * *' for 01:30 UTC daily");
    }
    return new CronSchedule(trimmed, fields);
  }

  public String expression() {
    return expression;
  }

  /** The first fire time strictly after {@code after} (UTC, whole minutes). */
  public ZonedDateTime next(ZonedDateTime after) {
    ZonedDateTime t = after.withZoneSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    for (int day = 0; day < 366 * 8; day++) {
      if (matchesDay(t.toLocalDate())) {
        for (ZonedDateTime m = t; m.toLocalDate().equals(t.toLocalDate()); m = m.plusMinutes(1)) {
          if (hours.get(m.getHour()) && minutes.get(m.getMinute())) {
            return m;
          }
        }
      }
      t = t.toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC);
    }
    throw new IllegalArgumentException("cron expression '" + expression + "' never fires (an impossible date such as 31 2?)");
  }

  /** The last fire time strictly before {@code before}: with {@link #next}, the interval a run covers. */
  public ZonedDateTime previous(ZonedDateTime before) {
    ZonedDateTime t = before.withZoneSameInstant(ZoneOffset.UTC);
    ZonedDateTime minute = t.truncatedTo(ChronoUnit.MINUTES);
    t = minute.equals(t) ? minute.minusMinutes(1) : minute;
    for (int day = 0; day < 366 * 8; day++) {
      if (matchesDay(t.toLocalDate())) {
        for (ZonedDateTime m = t; m.toLocalDate().equals(t.toLocalDate()); m = m.minusMinutes(1)) {
          if (hours.get(m.getHour()) && minutes.get(m.getMinute())) {
            return m;
          }
        }
      }
      t = t.toLocalDate().atStartOfDay(ZoneOffset.UTC).minusMinutes(1);
    }
    throw new IllegalArgumentException("cron expression '" + expression + "' never fires (an impossible date such as 31 2?)");
  }

  /**
   * The logical date of the run that fires at {@code fireTime}: the start of the interval that
   * just ended (Airflow's {@code ds}), so the 01:30 daily run on Nov 22 processes Nov 21.
   */
  public LocalDate logicalDate(ZonedDateTime fireTime) {
    return previous(fireTime).toLocalDate();
  }

  private boolean matchesDay(LocalDate date) {
    if (!months.get(date.getMonthValue())) {
      return false;
    }
    boolean dom = daysOfMonth.get(date.getDayOfMonth());
    boolean dow = daysOfWeek.get(date.getDayOfWeek().getValue() % 7);
    if (dayOfMonthRestricted && dayOfWeekRestricted) {
      return dom || dow;
    }
    return dom && dow;
  }

  private static BitSet field(String text, int min, int max, String name) {
    BitSet bits = new BitSet(max + 1);
    for (String part : text.split(",", -1)) {
      String range = part;
      int step = 1;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        range = part.substring(0, slash);
        step = number(part.substring(slash + 1), 1, max, name, text);
      }
      int from;
      int to;
      if (range.equals("*")) {
        from = min;
        to = max;
      } else if (range.contains("-")) {
        String[] ends = range.split("-", 2);
        from = number(ends[0], min, max, name, text);
        to = number(ends[1], min, max, name, text);
        if (from > to) {
          throw bad(name, text, "the range " + range + " runs backwards");
        }
      } else {
        from = number(range, min, max, name, text);
        to = slash >= 0 ? max : from;
      }
      for (int v = from; v <= to; v += step) {
        bits.set(v);
      }
    }
    return bits;
  }

  private static int number(String text, int min, int max, String name, String field) {
    try {
      int value = Integer.parseInt(text);
      if (value < min || value > max) {
        throw bad(name, field, value + " is outside " + min + "-" + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw bad(name, field, "'" + text + "' is not a number");
    }
  }

  private static IllegalArgumentException bad(String name, String field, String problem) {
    return new IllegalArgumentException("cron " + name + " field '" + field + "': " + problem
        + "; use *, n, a-b, */n, a-b/n or lists of them");
  }

  @Override
  public String toString() {
    return expression;
  }
}
