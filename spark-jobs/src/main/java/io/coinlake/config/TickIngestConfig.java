package io.coinlake.config;

import java.util.List;

/**
 * Coinbase ticker captures (NDJSON, classic or Advanced Trade feed) to ingest into bronze.ticks,
 * and the interval of the bars validate builds from them into silver.tick_bars.
 */
public record TickIngestConfig(String barInterval, List<FileSource> sources) {
  public TickIngestConfig {
    barInterval = barInterval == null || barInterval.isBlank() ? "1m" : barInterval;
    if (!barInterval.matches("\\d+[smhd]")) {
      throw new IllegalArgumentException("'barInterval' must look like 30s, 1m, 5m or 1h, got '" + barInterval + "'");
    }
    sources = sources == null ? List.of() : List.copyOf(sources);
  }
}
