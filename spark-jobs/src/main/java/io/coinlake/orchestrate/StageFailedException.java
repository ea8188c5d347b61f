package io.coinlake.orchestrate;

/** A stage failed; carries the stage name so the CLI can print one line naming it. */
public final class StageFailedException extends RuntimeException {
  private final String stage;

  public StageFailedException(String stage, Exception cause) {
    super(stage + " failed: " + cause.getMessage(), cause);
    this.stage = stage;
  }

  public String stage() {
    return stage;
  }
}
