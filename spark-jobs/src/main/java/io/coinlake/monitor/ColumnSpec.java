package io.coinlake.monitor;

import java.util.List;

/** One column to monitor: its name in both datasets and whether it is numerical or categorical. */
public record ColumnSpec(String name, ColumnKind kind) {
  public ColumnSpec {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a monitored column needs a name");
    }
    if (kind == null) {
      throw new IllegalArgumentException("monitored column '" + name + "' needs a kind (numerical or categorical)");
    }
  }

  public static ColumnSpec numerical(String name) {
    return new ColumnSpec(name, ColumnKind.NUMERICAL);
  }

  public static ColumnSpec categorical(String name) {
    return new ColumnSpec(name, ColumnKind.CATEGORICAL);
  }

  /** Every name as a numerical column, in order (e.g. a model's feature columns). */
  public static List<ColumnSpec> numerical(List<String> names) {
    return names.stream().map(ColumnSpec::numerical).toList();
  }
}
