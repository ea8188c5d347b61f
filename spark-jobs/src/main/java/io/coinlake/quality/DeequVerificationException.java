package io.coinlake.quality;

/** Deequ's verification run itself failed (not a constraint: the run could not complete). */
public final class DeequVerificationException extends RuntimeException {
  public DeequVerificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
