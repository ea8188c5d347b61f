package io.coinlake.config;

import java.util.List;

/** OHLCV ingest: the candle interval written to the key (e.g. 1d) and the sources to read. */
public record OhlcvIngestConfig(String interval, List<OhlcvSource> sources) {
  public OhlcvIngestConfig {
    Checks.notBlank(interval, "interval");
    if (!interval.matches("\\d+[mhd]")) {
      throw new IllegalArgumentException("'interval' must look like 1m, 1h or 1d, got '" + interval + "'");
    }
    sources = Checks.nonEmpty(sources, "sources");
  }
}
