package io.coinlake.ingest;

/**
 * The file as a whole cannot be read (empty, binary, not UTF-8, truncated JSON, a required column
 * missing). The message is one line that says what is wrong and what to do; the reader adds the
 * file name. The rest of the batch still goes through.
 */
public final class UnreadableFileException extends RuntimeException {
  public UnreadableFileException(String message) {
    super(message);
  }
}
