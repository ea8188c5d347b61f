package io.coinlake.config;

/** Everything the ingest stage reads. */
public record IngestConfig(OhlcvIngestConfig ohlcv) {
  public IngestConfig {
    Checks.present(ohlcv, "ohlcv");
  }
}
