package io.coinlake.quality;

/**
 * An error-level check fell below its threshold: the batch needs a human before models use it.
 * Silver, quarantine and the report were written before this is thrown; {@link #report()} has it.
 */
public final class ContractViolationException extends RuntimeException {
  private final transient ValidationReport report;

  public ContractViolationException(String message, ValidationReport report) {
    super(message);
    this.report = report;
  }

  public ValidationReport report() {
    return report;
  }
}
