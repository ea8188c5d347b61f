package io.coinlake.train;

/** Training cannot proceed (no data, too short a history); the message says what to do. */
public final class TrainingException extends RuntimeException {
  public TrainingException(String message) {
    super(message);
  }
}
