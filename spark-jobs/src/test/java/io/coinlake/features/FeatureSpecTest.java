package io.coinlake.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FeatureSpecTest {

  @Test
  void defaultsAreTheProductionWindows() {
    assertEquals(new FeatureSpec(7, 30, 14, 12, 7), FeatureSpec.defaults());
    assertEquals(new FeatureSpec(7, 30, 14, 12, 3), FeatureSpec.withHorizon(3));
    assertThrows(IllegalArgumentException.class, () -> FeatureSpec.withHorizon(0));
  }

  @Test
  void rejectsOutOfRangeSizes() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new FeatureSpec(0, 30, 14, 12, 7))
        .getMessage().contains("shortWindow"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new FeatureSpec(1, 1, 14, 12, 7))
        .getMessage().contains("longWindow"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new FeatureSpec(7, 30, 0, 12, 7))
        .getMessage().contains("rsiPeriod"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new FeatureSpec(7, 30, 14, 0, 7))
        .getMessage().contains("emaSpan"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new FeatureSpec(7, 30, 14, 12, 0))
        .getMessage().contains("horizon"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new FeatureSpec(30, 7, 14, 12, 7))
        .getMessage().contains("must not exceed longWindow"));
  }
}
