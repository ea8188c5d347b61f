package io.coinlake.lake;

/** A lake read or write failed; the message names the table and what to do. */
public final class LakeException extends RuntimeException {
  public LakeException(String message) {
    super(message);
  }

  public LakeException(String message, Throwable cause) {
    super(message, cause);
  }
}
