package io.coinlake.quality;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When several contracts fail in one validate run, the one line names every one of them. */
class ContractViolationExceptionTest {
  private static ContractViolationException violation(String contract, String... failedChecks) {
    List<CheckResult> checks = new java.util.ArrayList<>();
    for (String name : failedChecks) {
      checks.add(new CheckResult(name, "predicate", Level.ERROR, CheckResult.FAILED, 0.9, 0.99, 1, ""));
    }
    checks.add(new CheckResult("ok_check", "predicate", Level.ERROR, CheckResult.PASSED, 1.0, 0.99, 0, ""));
    checks.add(new CheckResult("warned", "predicate", Level.WARNING, CheckResult.FAILED, 0.5, 0.95, 5, ""));
    ValidationReport report = new ValidationReport(contract, "all", "2024-01-05T00:00:00Z", 10, 9, 1, Map.of(), Map.of(), checks);
    return new ContractViolationException("contract " + contract + ": check " + failedChecks[0] + " failed; see r/" + contract + "_all.json", report);
  }

  @Test
  void aSingleFailureIsReturnedUnchanged() {
    ContractViolationException only = violation("ohlcv", "prices_positive");
    assertSame(only, ContractViolationException.of(List.of(only)));
  }

  @Test
  void severalFailuresAreNamedInOneMessageWithTheirFailedErrorChecks() {
    ContractViolationException ohlcv = violation("ohlcv", "prices_positive");
    ContractViolationException snapshots = violation("market_snapshots", "price_positive");
    ContractViolationException ticks = violation("ticks", "price_positive", "book_not_crossed");
    ContractViolationException all = ContractViolationException.of(List.of(ohlcv, snapshots, ticks));
    assertEquals("contract ohlcv: check prices_positive failed; see r/ohlcv_all.json; error checks also failed in"
        + " contract market_snapshots [price_positive], contract ticks [price_positive, book_not_crossed]"
        + " (their reports are beside it)", all.getMessage());
    assertSame(ohlcv.report(), all.report());
    assertEquals(List.of(ohlcv, snapshots, ticks), List.of(all.getSuppressed()));
  }

  @Test
  void noFailureIsAProgrammingError() {
    assertThrows(IllegalArgumentException.class, () -> ContractViolationException.of(List.of()));
  }
}
