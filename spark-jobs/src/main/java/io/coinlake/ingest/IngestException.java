package io.coinlake.ingest;

/** Ingest cannot start (no input files, unknown layout); the message names the path and what to do. */
public final class IngestException extends RuntimeException {
  public IngestException(String message) {
    super(message);
  }
}
