package io.coinlake.quality;

import io.coinlake.config.LogicalWindow;
import io.coinlake.lake.Lake;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and under which key a verification run keeps its metrics, and the anomaly checks to run
 * against the earlier runs. The run is stored in the Deequ metrics repository file at
 * {@code repositoryPath} (a local path or any Hadoop URI such as s3a://) under the key (run date
 * as epoch millis at UTC midnight, tags {source, window}); one entry per (source, run date).
 * Anomaly checks compare with the latest entry strictly before {@code runDate} whose source tag
 * is {@code source}.
 *
 * <p>Invariants: repositoryPath, source and window non-blank; source is a file-name-safe word;
 * runDate set; anomalies non-null (copied).
 */
public record MetricsHistory(
    String repositoryPath, String source, LocalDate runDate, String window,
    List<AnomalyCheck> anomalies) {

  /** Under the lake root: one repository file per source, {@code <source>.json}. */
  public static final String METRICS_DIR = "_quality/metrics";
  public static final String TAG_SOURCE = "source";
  public static final String TAG_WINDOW = "window";

  public MetricsHistory {
    if (repositoryPath == null || repositoryPath.isBlank()) {
      throw new IllegalArgumentException("metrics history: 'repositoryPath' must not be empty");
    }
    if (source == null || !source.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
      throw new IllegalArgumentException("metrics history: 'source' must be a word of letters,"
          + " digits, '_', '.', '-', got '" + source + "'");
    }
    Objects.requireNonNull(runDate, "metrics history: 'runDate' must be set");
    if (window == null || window.isBlank()) {
      throw new IllegalArgumentException("metrics history: 'window' must not be empty");
    }
    anomalies = anomalies == null ? List.of() : List.copyOf(anomalies);
  }

  /** The repository file of a source: {@code <lake>/_quality/metrics/<source>.json}. */
  public static String repositoryPath(Lake lake, String source) {
    return lake.path(METRICS_DIR + "/" + source + ".json");
  }

  /**
   * The history of a contract's source for a validate window: run date = the window's last day,
   * window tag = its label. Empty when the window has no last day (all data): such a run has no
   * date to be compared or stored under.
   */
  public static Optional<MetricsHistory> forWindow(Lake lake, Contract contract, LogicalWindow window) {
    if (window.to() == null) {
      return Optional.empty();
    }
    return Optional.of(new MetricsHistory(repositoryPath(lake, contract.source()), contract.source(),
        window.to(), window.label(), contract.anomalies()));
  }

  /** The Deequ result-key date: the run date's UTC midnight in epoch milliseconds. */
  public long runDateMillis() {
    return epochMillis(runDate);
  }

  /** The Deequ result-key tags, {source, window}. */
  public Map<String, String> tags() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(TAG_SOURCE, source);
    tags.put(TAG_WINDOW, window);
    return tags;
  }

  static long epochMillis(LocalDate date) {
    return date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  static LocalDate dateOf(long epochMillis) {
    return java.time.Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC).toLocalDate();
  }
}
