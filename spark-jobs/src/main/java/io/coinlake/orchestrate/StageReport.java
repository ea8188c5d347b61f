package io.coinlake.orchestrate;

/** One stage's outcome for progress lines and the run summary; counts are -1 when not applicable. */
public record StageReport(String stage, double seconds, long rowsIn, long accepted, long quarantined, long rowsOut, String note) {
  public StageReport withSeconds(double s) {
    return new StageReport(stage, s, rowsIn, accepted, quarantined, rowsOut, note);
  }
}
