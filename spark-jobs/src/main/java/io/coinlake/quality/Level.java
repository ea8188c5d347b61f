package io.coinlake.quality;

/**
 * How serious a failed constraint is. An {@link #ERROR} failure makes the data contract fail;
 * a {@link #WARNING} failure is reported but does not.
 */
public enum Level {
  ERROR,
  WARNING
}
