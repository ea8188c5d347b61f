package io.coinlake.config;

/** One set of OHLCV CSV files to ingest: a directory (or file), a glob, and the layout that reads them. */
public record OhlcvSource(String path, String glob, String layout) {
  public OhlcvSource {
    Checks.notBlank(path, "path");
    glob = glob == null || glob.isBlank() ? "*.csv" : glob;
    Checks.notBlank(layout, "layout");
  }
}
