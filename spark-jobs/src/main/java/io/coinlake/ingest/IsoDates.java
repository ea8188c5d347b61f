package io.coinlake.ingest;

import java.time.LocalDate;

/**
 * A fast path for the two timestamp patterns most exports use, {@code yyyy-MM-dd} and
 * {@code yyyy-MM-dd HH:mm:ss}: digits at fixed places, read without a {@code DateTimeFormatter}.
 * It gives exactly what {@code DateTimeFormatter.ofPattern(pattern)} with its default (smart)
 * resolver gives, a day past the month's end taken back to its last day (2021-02-30 is
 * 2021-02-28); anything else (other lengths, signs, year 0, out-of-range fields, other patterns)
 * returns {@link #NOT_FAST} and is left to the formatter, which also words the error. Pure.
 */
final class IsoDates {
  /** Returned when the value or pattern is not for the fast path. */
  static final long NOT_FAST = Long.MIN_VALUE;

  private IsoDates() {}

  /** Epoch seconds (UTC) of {@code value} read with {@code pattern}, or {@link #NOT_FAST}. */
  static long epochSeconds(String value, String pattern) {
    boolean withTime = pattern.equals("yyyy-MM-dd HH:mm:ss");
    if (!(withTime || pattern.equals("yyyy-MM-dd")) || value.length() != (withTime ? 19 : 10)
        || value.charAt(4) != '-' || value.charAt(7) != '-') {
      return NOT_FAST;
    }
    int year = digits(value, 0, 4);
    int month = digits(value, 5, 2);
    int day = digits(value, 8, 2);
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > 31) {
      return NOT_FAST;
    }
    long seconds = 0;
    if (withTime) {
      if (value.charAt(10) != ' ' || value.charAt(13) != ':' || value.charAt(16) != ':') {
        return NOT_FAST;
      }
      int hour = digits(value, 11, 2);
      int minute = digits(value, 14, 2);
      int second = digits(value, 17, 2);
      if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
        return NOT_FAST;
      }
      seconds = hour * 3600L + minute * 60L + second;
    }
    LocalDate first = LocalDate.of(year, month, 1);
    return (first.toEpochDay() + Math.min(day, first.lengthOfMonth()) - 1) * 86_400L + seconds;
  }

  /** The decimal number of {@code count} ASCII digits at {@code from}, or -1 when one is not a digit. */
  private static int digits(String s, int from, int count) {
    int n = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }
}
