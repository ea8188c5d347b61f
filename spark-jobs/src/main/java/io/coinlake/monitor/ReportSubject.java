package io.coinlake.monitor;

import java.time.LocalDate;

/**
 * What a report compares: the prediction task, the champion model (registered name, version, the
 * run that trained it and the candidate it selected) whose training rows are the reference
 * ({@code referenceRows} rows of the training table at Delta version {@code referenceTableVersion},
 * as of {@code referenceAsOf}), and the current window with its {@code currentRows} feature rows.
 * The report is filed under {@code window.end()}.
 */
public record ReportSubject(
    String task,
    ReportWindow window,
    String modelName,
    int modelVersion,
    String modelRunId,
    String selectedModel,
    int horizon,
    long referenceTableVersion,
    String referenceAsOf,
    long referenceRows,
    long currentRows) {

  public LocalDate reportDate() {
    return window.end();
  }

  /**
   * True when the current window starts on or before the champion's as-of date ({@code all}: any
   * window), so rows of the window may be among the training rows and drift looks smaller.
   */
  public boolean overlapsTraining() {
    return "all".equals(referenceAsOf) || !window.start().isAfter(LocalDate.parse(referenceAsOf));
  }
}
