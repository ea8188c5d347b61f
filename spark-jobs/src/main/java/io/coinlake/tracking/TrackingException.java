package io.coinlake.tracking;

/**
 * Reading or writing the tracking store failed, or it holds something unexpected; the message
 * names the path or the run/model involved.
 */
public final class TrackingException extends RuntimeException {
  public TrackingException(String message) {
    super(message);
  }

  public TrackingException(String message, Throwable cause) {
    super(message, cause);
  }
}
