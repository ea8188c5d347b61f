package io.coinlake.monitor;

import java.util.List;

/**
 * Everything the report says about one column: its drift verdict, its quality summary in each
 * input, the histogram to chart, and for categorical columns the values new in current and the
 * reference values absent from current (both sorted; empty for numerical columns).
 */
public record ColumnReport(
    String name,
    ColumnKind kind,
    ColumnDrift drift,
    ColumnQuality reference,
    ColumnQuality current,
    Histogram histogram,
    List<String> newCategories,
    List<String> missingCategories) {

  public ColumnReport {
    newCategories = List.copyOf(newCategories);
    missingCategories = List.copyOf(missingCategories);
  }
}
