package io.coinlake.config;

/** Where the Delta lake lives: a local path or any Hadoop URI (s3a://bucket/prefix). */
public record LakeConfig(String root) {
  public LakeConfig {
    Checks.notBlank(root, "root");
    Checks.noCredentials(root, "root");
  }
}
