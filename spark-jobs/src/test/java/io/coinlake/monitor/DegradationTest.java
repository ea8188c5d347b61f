package io.coinlake.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DegradationTest {
  private static final ErrorMetrics CV = new ErrorMetrics(0, 0.25, 0.125, 0.5);

  @Test
  void aMetricDegradesOnlyAboveTheFactorTimesItsCvValue() {
    // limits 2 x CV (exact in binary): rmse 0.5 is not above 0.5; mae 0.2501 > 0.25; qlike 0.99 < 1
    Degradation d = Degradation.judge(new ErrorMetrics(40, 0.5, 0.2501, 0.99), CV, 2);
    assertTrue(d.judged());
    assertTrue(d.degraded());
    assertEquals(List.of("mae"), d.degradedMetrics());
    assertEquals(0.2501 / 0.125, d.ratio("mae"), 1e-12);
    assertEquals(2.0, d.ratio("rmse"), 1e-12);
  }

  @Test
  void everyMetricCanDegradeAndTheOrderIsRmseMaeQlike() {
    Degradation d = Degradation.judge(new ErrorMetrics(5, 0.6, 0.3, 2.0), CV, 2);
    assertEquals(List.of("rmse", "mae", "qlike"), d.degradedMetrics());
  }

  @Test
  void withinTheLimitNothingDegrades() {
    Degradation d = Degradation.judge(new ErrorMetrics(5, 0.3, 0.12, 0.6), CV, 1.5);
    assertTrue(d.judged());
    assertFalse(d.degraded());
    assertEquals(List.of(), d.degradedMetrics());
  }

  @Test
  void aSmallerFactorIsStricter() {
    ErrorMetrics current = new ErrorMetrics(5, 0.3, 0.12, 0.6);
    assertEquals(List.of("rmse", "qlike"), Degradation.judge(current, CV, 1.0).degradedMetrics());
  }

  @Test
  void withoutMaturedLabelsNothingIsJudged() {
    Degradation none = Degradation.judge(null, CV, 1.5);
    assertFalse(none.judged());
    assertFalse(none.degraded());
    assertTrue(Double.isNaN(none.ratio("rmse")));
    Degradation empty = Degradation.judge(new ErrorMetrics(0, 9, 9, 9), CV, 1.5);
    assertFalse(empty.judged(), "zero labeled rows cannot be judged");
    assertFalse(empty.degraded());
  }

  @Test
  void aMissingCvValueIsNotCompared() {
    ErrorMetrics partial = new ErrorMetrics(0, Double.NaN, 0.125, 0.5);
    Degradation d = Degradation.judge(new ErrorMetrics(5, 99, 0.01, 0.1), partial, 1.5);
    assertFalse(d.degraded(), "no rmse to compare with");
    assertTrue(Double.isNaN(d.ratio("rmse")));
  }

  @Test
  void theFactorMustBePositive() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Degradation.judge(null, CV, 0));
    assertEquals("the degradation factor must be > 0, got 0.0", e.getMessage());
  }
}
