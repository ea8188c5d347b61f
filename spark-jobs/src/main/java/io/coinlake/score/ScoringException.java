package io.coinlake.score;

/** Scoring cannot proceed (no champion, no features); the message says what to do. */
public final class ScoringException extends RuntimeException {
  public ScoringException(String message) {
    super(message);
  }
}
