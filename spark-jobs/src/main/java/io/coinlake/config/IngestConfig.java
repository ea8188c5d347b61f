package io.coinlake.config;

/** Everything the ingest stage reads: OHLCV candles, market snapshots and ticker captures. */
public record IngestConfig(OhlcvIngestConfig ohlcv, SnapshotIngestConfig snapshots, TickIngestConfig ticks) {
  public IngestConfig {
    Checks.present(ohlcv, "ohlcv");
    snapshots = snapshots == null ? new SnapshotIngestConfig(null) : snapshots;
    ticks = ticks == null ? new TickIngestConfig(null, null) : ticks;
  }
}
