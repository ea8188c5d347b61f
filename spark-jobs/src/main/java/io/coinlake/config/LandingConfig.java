package io.coinlake.config;

/**
 * Where {@code coinlake fetch} lands raw API responses, byte for byte, before any parsing: a local
 * path or any Hadoop URI (s3a://bucket/prefix). Kept apart from the lake so raw files can live in
 * cheaper storage and be re-ingested at will.
 */
public record LandingConfig(String root) {
  public LandingConfig {
    root = Checks.notBlank(root, "root").trim();
  }
}
