package io.coinlake.monitor;

/** Drift cannot be computed for the given data or settings; the message names the column and what to do. */
public final class MonitoringException extends RuntimeException {
  public MonitoringException(String message) {
    super(message);
  }
}
