package io.coinlake.quality;

/** One check in the validation report: what Deequ measured against the threshold, and the rows that failed it. */
public record CheckResult(
    String name, String kind, Level level, String status, double metric, double threshold, long rowsFailed, String message) {
  public static final String PASSED = "passed";
  public static final String FAILED = "failed";
  /** The window had no rows: a check over nothing holds vacuously, but says so rather than "passed". */
  public static final String NO_ROWS = "no_rows";

  public boolean failedAsError() {
    return level == Level.ERROR && FAILED.equals(status);
  }
}
