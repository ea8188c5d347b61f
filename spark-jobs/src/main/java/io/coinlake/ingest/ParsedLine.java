package io.coinlake.ingest;

import java.io.Serializable;

/**
 * One data line of a source file after parsing: either a candle (error == null) or the reason it
 * could not be read. Line numbers are 1-based physical lines of the file.
 */
public record ParsedLine(
    String sourceFile,
    long sourceLine,
    String rawLine,
    String symbol,
    Long tsEpochSeconds,
    Double open,
    Double high,
    Double low,
    Double close,
    Double volume,
    Double marketCap,
    String error) implements Serializable {

  public static ParsedLine failed(String file, long line, String raw, String error) {
    return new ParsedLine(file, line, raw, null, null, null, null, null, null, null, null, error);
  }

  public boolean ok() {
    return error == null;
  }
}
