package io.coinlake.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnomalyCheckTest {

  @Test
  void relativeSizeCheckBoundsAreTheRatiosTimesThePreviousValue() {
    AnomalyCheck check = AnomalyCheck.sizeChange("row_count_change", 0.5, 2.0);

    assertTrue(check.isRelative());
    assertEquals(List.of(), check.columns());
    assertEquals(5.5, check.lowerBound(11.0));
    assertEquals(22.0, check.upperBound(11.0));
    assertEquals("size", check.describeMetric());
  }

  @Test
  void aMissingRelativeSideIsUnbounded() {
    AnomalyCheck onlyDown = AnomalyCheck.sizeChange("rows_down", 0.8, null);
    AnomalyCheck onlyUp = AnomalyCheck.sizeChange("rows_up", null, 3.0);

    assertEquals(8.0, onlyDown.lowerBound(10.0));
    assertNull(onlyDown.upperBound(10.0));
    assertNull(onlyUp.lowerBound(10.0));
    assertEquals(30.0, onlyUp.upperBound(10.0));
  }

  @Test
  void absoluteDropHasOnlyALowerBound() {
    AnomalyCheck check = AnomalyCheck.completenessDrop("close_drop", "close", 0.25);

    assertFalse(check.isRelative());
    assertEquals(List.of("close"), check.columns());
    assertEquals(0.75, check.lowerBound(1.0));
    assertNull(check.upperBound(1.0));
    assertEquals("completeness(close)", check.describeMetric());
  }

  @Test
  void invalidChecksNameTheField() {
    assertMessage("anomaly 'name' must be snake_case, got 'Row Count'",
        () -> AnomalyCheck.sizeChange("Row Count", 0.5, 2.0));
    assertMessage("anomaly 'x': 'metric' must be one of",
        () -> new AnomalyCheck("x", "mean", null, 0.5, null, null));
    assertMessage("anomaly 'x': metric size counts rows; remove 'column'",
        () -> new AnomalyCheck("x", "size", "close", 0.5, null, null));
    assertMessage("anomaly 'x': metric completeness needs 'column'",
        () -> new AnomalyCheck("x", "completeness", " ", null, null, 0.1));
    assertMessage("anomaly 'x': give either 'maxRateDecrease'/'maxRateIncrease' (relative change)"
        + " or 'maxDrop' (absolute drop), not neither",
        () -> new AnomalyCheck("x", "size", null, null, null, null));
    assertMessage("not both", () -> new AnomalyCheck("x", "size", null, 0.5, null, 10.0));
    assertMessage("anomaly 'x': 'maxRateDecrease' is the least allowed ratio now/previous and must"
        + " be between 0 and 1, got 1.5", () -> AnomalyCheck.sizeChange("x", 1.5, 2.0));
    assertMessage("'maxRateIncrease' is the largest allowed ratio now/previous and must be a finite"
        + " number >= 1, got 0.9", () -> AnomalyCheck.sizeChange("x", 0.5, 0.9));
    assertMessage("'maxRateIncrease'", () -> AnomalyCheck.sizeChange("x", 0.5, Double.POSITIVE_INFINITY));
    assertMessage("anomaly 'x': 'maxDrop' must be between 0 and 1, got 1.1",
        () -> AnomalyCheck.completenessDrop("x", "close", 1.1));
    assertMessage("anomaly 'x': 'maxDrop' must be a finite number >= 0, got -1.0",
        () -> new AnomalyCheck("x", "size", null, null, null, -1.0));
    assertMessage("'maxDrop'", () -> new AnomalyCheck("x", "size", null, null, null, Double.NaN));
  }

  @Test
  void anAbsoluteRowDropIsAllowedForSize() {
    AnomalyCheck check = new AnomalyCheck("rows_lost", "size", null, null, null, 100.0);
    assertEquals(900.0, check.lowerBound(1000.0));
  }

  private static void assertMessage(String expectedPart, org.junit.jupiter.api.function.Executable body) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, body);
    assertTrue(e.getMessage().contains(expectedPart), e.getMessage());
  }
}
