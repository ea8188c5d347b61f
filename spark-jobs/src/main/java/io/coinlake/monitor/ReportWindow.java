package io.coinlake.monitor;

import io.coinlake.config.LogicalWindow;
import java.time.LocalDate;

/**
 * The current window of a report: whole UTC days {@code [start, end]}. {@code --from/--to} give it
 * as is; {@code --date D} means the {@code days} days up to D; no date means the {@code days} days
 * up to the newest scored day. The report is filed under {@code end}.
 */
public record ReportWindow(LocalDate start, LocalDate end) {
  public ReportWindow {
    if (start == null || end == null) {
      throw new IllegalArgumentException("a report window needs a start and an end");
    }
    if (start.isAfter(end)) {
      throw new IllegalArgumentException("a report window starts (" + start + ") after it ends (" + end + ")");
    }
  }

  /** The window for a task's logical window; {@code newest} is used only when the logical window has no end. */
  public static ReportWindow of(LogicalWindow logical, LocalDate newest, int days) {
    if (days < 1) {
      throw new IllegalArgumentException("a report window needs at least one day, got " + days);
    }
    if (logical.from() != null && logical.to() != null) {
      return new ReportWindow(logical.from(), logical.to());
    }
    LocalDate end = logical.to() != null ? logical.to() : newest;
    if (end == null) {
      throw new IllegalArgumentException("no end date for the report window: give --date or --to");
    }
    return new ReportWindow(end.minusDays(days - 1L), end);
  }

  /** A Spark SQL condition selecting the window's rows by a timestamp column. */
  public String sqlCondition(String tsColumn) {
    return new LogicalWindow(start, end).sqlCondition(tsColumn);
  }

  public long days() {
    return end.toEpochDay() - start.toEpochDay() + 1;
  }

  @Override
  public String toString() {
    return start + " .. " + end;
  }
}
