package io.coinlake.fetch;

/**
 * A request (or the landing write after it) failed for good. The message is one line: API and
 * endpoint, the URL without secrets, attempts, the last status or problem, and what to do.
 * {@link #apiUnavailable()} is true when retries ran out (the API is down or throttling us), so
 * the remaining requests to that API are skipped instead of each waiting out its own retries.
 */
public final class FetchException extends RuntimeException {
  private final boolean apiUnavailable;

  public FetchException(String message, boolean apiUnavailable) {
    super(message);
    this.apiUnavailable = apiUnavailable;
  }

  public FetchException(String message, Throwable cause) {
    super(message, cause);
    this.apiUnavailable = false;
  }

  public boolean apiUnavailable() {
    return apiUnavailable;
  }
}
