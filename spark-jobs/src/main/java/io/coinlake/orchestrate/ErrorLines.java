package io.coinlake.orchestrate;

import io.coinlake.config.Secrets;

/** The one line a user sees for a failure: the innermost meaningful message, first line, secrets masked. */
public final class ErrorLines {
  private ErrorLines() {}

  public static String oneLine(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root
        && (root instanceof StageFailedException || root.getMessage() == null)) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return Secrets.redact(message.lines().findFirst().orElse("").trim());
  }
}
