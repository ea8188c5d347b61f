package io.coinlake.quality;

import java.util.List;
import java.util.stream.Collectors;

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

  /**
   * One exception for every contract of a validate run that failed, so the one line a user sees
   * names them all: the first failure's message, then each other contract with its failed
   * error checks. A single failure is returned as it is; the others are kept as suppressed.
   */
  public static ContractViolationException of(List<ContractViolationException> failed) {
    if (failed.isEmpty()) {
      throw new IllegalArgumentException("no contract failed");
    }
    ContractViolationException first = failed.get(0);
    if (failed.size() == 1) {
      return first;
    }
    String others = failed.stream().skip(1)
        .map(e -> "contract " + e.report().source() + " " + e.report().failedErrorChecks().stream().map(CheckResult::name).toList())
        .collect(Collectors.joining(", "));
    ContractViolationException all = new ContractViolationException(first.getMessage()
        + "; error checks also failed in " + others + " (their reports are beside it)", first.report());
    failed.forEach(all::addSuppressed);
    return all;
  }

  public ValidationReport report() {
    return report;
  }
}
