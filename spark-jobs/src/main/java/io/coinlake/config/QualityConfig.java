package io.coinlake.config;

/**
 * Where the data contracts live: {@code <contractsDir>/<record kind>.yaml} (ohlcv,
 * market_snapshots, ticks), on disk or, when not on disk, the same path inside the jar.
 */
public record QualityConfig(String contractsDir) {
  public QualityConfig {
    Checks.notBlank(contractsDir, "contractsDir");
    contractsDir = contractsDir.endsWith("/") ? contractsDir.substring(0, contractsDir.length() - 1) : contractsDir;
  }

  public String contractPath(String kind) {
    return contractsDir + "/" + kind + ".yaml";
  }
}
