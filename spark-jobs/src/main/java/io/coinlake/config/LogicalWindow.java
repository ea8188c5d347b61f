package io.coinlake.config;

import java.time.LocalDate;

/**
 * The logical dates a task processes: {@code --date D} is the window (-inf, D], {@code
 * --from/--to} is [from, to], and no option means all data. Tasks decide what to process from
 * this alone, never from the wall clock.
 */
public record LogicalWindow(LocalDate from, LocalDate to) {
  public LogicalWindow {
    if (from != null && to != null && from.isAfter(to)) {
      throw new IllegalArgumentException("--from " + from + " is after --to " + to);
    }
  }

  public static LogicalWindow all() {
    return new LogicalWindow(null, null);
  }

  public static LogicalWindow asOf(LocalDate date) {
    return new LogicalWindow(null, date);
  }

  /** A Spark SQL condition on a timestamp column for this window (true when unbounded). */
  public String sqlCondition(String tsColumn) {
    StringBuilder sql = new StringBuilder("true");
    if (from != null) {
      sql.append(" AND ").append(tsColumn).append(" >= TIMESTAMP '").append(from).append(" 00:00:00'");
    }
    if (to != null) {
      sql.append(" AND ").append(tsColumn).append(" < TIMESTAMP '").append(to.plusDays(1)).append(" 00:00:00'");
    }
    return sql.toString();
  }

  /** Only the upper bound: everything known as of the window's end (features, training, scoring). */
  public LogicalWindow upToEnd() {
    return new LogicalWindow(null, to);
  }

  /** A short label for file names and logs: all, 2021-07-06, 2021-01-01_2021-07-06. */
  public String label() {
    if (from == null && to == null) {
      return "all";
    }
    if (from == null) {
      return to.toString();
    }
    return from + "_" + (to == null ? "latest" : to.toString());
  }
}
