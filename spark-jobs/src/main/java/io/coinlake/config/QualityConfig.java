package io.coinlake.config;

/** Where the data contracts live: a path on disk, or the same path inside the jar. */
public record QualityConfig(String ohlcvContract) {
  public QualityConfig {
    Checks.notBlank(ohlcvContract, "ohlcvContract");
  }
}
