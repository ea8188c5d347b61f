package io.coinlake.train;

import static org.junit.jupiter.api.Assertions.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricComparisonTest {
  @Test
  void matchesWithinOneInABillionRelative() {
    assertTrue(new MetricComparison("cv_qlike", 0.9595, 0.9595).matches());
    assertTrue(new MetricComparison("cv_qlike", 0.9595, 0.9595 * (1 + 5e-10)).matches());
    assertFalse(new MetricComparison("cv_qlike", 0.9595, 0.9595 * (1 + 2e-9)).matches());
    assertTrue(new MetricComparison("r2", -0.25, -0.25 * (1 - 9e-10)).matches(), "relative to the magnitude, for negatives too");
    assertTrue(new MetricComparison("r2", 0.0, 0.0).matches());
    assertFalse(new MetricComparison("r2", 0.0, 1e-300).matches(), "nothing is within a relative tolerance of zero but zero");
    assertTrue(new MetricComparison("r2", Double.NaN, Double.NaN).matches());
    assertFalse(new MetricComparison("r2", Double.NaN, 0.5).matches());
    assertFalse(new MetricComparison("cv_mae", null, 0.5).matches(), "a metric the original lacks does not match");
  }

  @Test
  void relativeDifferenceIsAgainstTheLargerMagnitude() {
    assertEquals(0.0, new MetricComparison("m", 2.0, 2.0).relativeDifference());
    assertEquals(0.5, new MetricComparison("m", 2.0, 1.0).relativeDifference(), 1e-15);
    assertEquals(0.5, new MetricComparison("m", 1.0, 2.0).relativeDifference(), 1e-15);
    assertTrue(Double.isNaN(new MetricComparison("m", null, 2.0).relativeDifference()));
  }

  @Test
  void comparesEveryReproducedMetricInItsOrder() {
    Map<String, Double> reproduced = new LinkedHashMap<>();
    reproduced.put("cv_qlike", 1.0);
    reproduced.put("har_linear_cv_qlike", 2.0);
    reproduced.put("training_rows", 300.0);
    List<MetricComparison> c = MetricComparison.compare(Map.of("cv_qlike", 1.0, "training_rows", 301.0, "extra", 5.0), reproduced);
    assertEquals(List.of("cv_qlike", "har_linear_cv_qlike", "training_rows"), c.stream().map(MetricComparison::metric).toList());
    assertEquals(List.of(true, false, false), c.stream().map(MetricComparison::matches).toList());
    Reproduction r = new Reproduction("a", "b", "gbt", "gbt", c);
    assertEquals(List.of("har_linear_cv_qlike", "training_rows"), r.mismatches().stream().map(MetricComparison::metric).toList());
    assertFalse(r.exact());
    assertFalse(new Reproduction("a", "b", "gbt", "har_linear", c.subList(0, 1)).exact(), "another selected model is not a reproduction");
    assertTrue(new Reproduction("a", "b", "gbt", "gbt", c.subList(0, 1)).exact());
  }
}
