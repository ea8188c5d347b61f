package io.coinlake.quality;

/** An error-level check fell below its threshold: the batch needs a human before models use it. */
public final class ContractViolationException extends RuntimeException {
  public ContractViolationException(String message) {
    super(message);
  }
}
