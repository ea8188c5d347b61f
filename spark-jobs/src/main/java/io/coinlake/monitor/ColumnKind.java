package io.coinlake.monitor;

/**
 * How a monitored column is compared: as numbers (ECDF and distance tests) or as categories
 * (counts per value). {@link #evidentlyName()} is the {@code column_type} Evidently writes.
 */
public enum ColumnKind {
  NUMERICAL("num"),
  CATEGORICAL("cat");

  private final String evidentlyName;

  ColumnKind(String evidentlyName) {
    this.evidentlyName = evidentlyName;
  }

  public String evidentlyName() {
    return evidentlyName;
  }
}
