package io.coinlake.config;

import java.util.List;

/** Market snapshot CSVs (CoinGecko style) to ingest into bronze.market_snapshots; may be empty. */
public record SnapshotIngestConfig(List<SnapshotSource> sources) {
  public SnapshotIngestConfig {
    sources = sources == null ? List.of() : List.copyOf(sources);
  }
}
