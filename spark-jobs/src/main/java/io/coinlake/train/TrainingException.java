package io.coinlake.train;

/** Training cannot proceed (no data, too short a history, a run that cannot be reproduced); the message says what to do. */
public final class TrainingException extends RuntimeException {
  public TrainingException(String message) {
    super(message);
  }

  public TrainingException(String message, Throwable cause) {
    super(message, cause);
  }
}
