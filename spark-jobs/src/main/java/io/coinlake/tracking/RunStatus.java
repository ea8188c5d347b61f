package io.coinlake.tracking;

/**
 * The status of a run, with the integer code MLflow's file store writes as {@code status} in a
 * run's {@code meta.yaml} (the values of MLflow's {@code RunStatus} proto enum).
 */
public enum RunStatus {
  RUNNING(1),
  SCHEDULED(2),
  FINISHED(3),
  FAILED(4),
  KILLED(5);

  private final int code;

  RunStatus(int code) {
    this.code = code;
  }

  /** The integer stored in {@code meta.yaml}. */
  public int code() {
    return code;
  }

  /** The status with this integer code; throws {@link IllegalArgumentException} for others. */
  public static RunStatus fromCode(int code) {
    for (RunStatus s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    throw new IllegalArgumentException("Unknown MLflow run status code " + code);
  }
}
