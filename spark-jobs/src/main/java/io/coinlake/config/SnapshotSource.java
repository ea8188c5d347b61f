package io.coinlake.config;

import io.coinlake.ingest.MarketSnapshotCsvFormat.PercentUnit;

/**
 * One set of market snapshot CSV files: a directory (or file), a glob, and the unit of the
 * 1h/24h/7d columns: {@code fraction} (0.022 = 2.2%) or {@code percent} (2.2 = 2.2%).
 */
public record SnapshotSource(String path, String glob, PercentUnit percentUnit) {
  public SnapshotSource {
    Checks.notBlank(path, "path");
    glob = glob == null || glob.isBlank() ? "*.csv" : glob;
    Checks.present(percentUnit, "percentUnit");
  }
}
