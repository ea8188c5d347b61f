package io.coinlake.synth;

/** Generating a data set failed: the message names the file and what to do. */
public final class GenerateException extends RuntimeException {
  public GenerateException(String message, Throwable cause) {
    super(message, cause);
  }
}
