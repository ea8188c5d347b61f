package io.coinlake.config;

/** A set of input files: a directory (or one file) and a glob inside it. */
public record FileSource(String path, String glob) {
  public FileSource {
    Checks.notBlank(path, "path");
    Checks.notBlank(glob, "glob");
  }
}
