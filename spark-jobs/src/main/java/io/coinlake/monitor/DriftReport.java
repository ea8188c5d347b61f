package io.coinlake.monitor;

import java.util.List;
import java.util.Optional;

/**
 * A data drift comparison of reference and current: one {@link ColumnReport} per monitored
 * column, in the order asked for, and the dataset verdict: drifted when the share of drifted
 * columns is at least {@code driftShare} (Evidently's {@code dataset_drift}).
 */
public record DriftReport(double driftShare, List<ColumnReport> columns) {
  public DriftReport {
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("a drift report needs at least one column");
    }
  }

  public int numberOfColumns() {
    return columns.size();
  }

  public int numberOfDriftedColumns() {
    return (int) columns.stream().filter(c -> c.drift().detected()).count();
  }

  public double shareOfDriftedColumns() {
    return (double) numberOfDriftedColumns() / numberOfColumns();
  }

  public boolean datasetDrift() {
    return shareOfDriftedColumns() >= driftShare;
  }

  public List<String> driftedColumns() {
    return columns.stream().filter(c -> c.drift().detected()).map(ColumnReport::name).toList();
  }

  public Optional<ColumnReport> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
