package io.coinlake.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coinlake.monitor.StatTest;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class MonitoringConfigTest {
  @Test
  void defaultsAreEvidentlys() {
    MonitoringConfig monitoring = ConfigLoader.load(null, List.of()).monitoring();
    assertEquals(0.5, monitoring.driftShare());
    assertEquals(20, monitoring.histogramBins());
    assertEquals(DriftTestConfig.AUTO, monitoring.numerical());
    assertEquals(DriftTestConfig.AUTO, monitoring.categorical());
    assertEquals(DriftTestConfig.AUTO, monitoring.forColumn("rv_7"));
    assertEquals(MonitoringConfig.defaults(), monitoring);
  }

  @Test
  void perColumnAndPerKindOverridesLoad() {
    MonitoringConfig monitoring = ConfigLoader.load(null, List.of(
        "monitoring.driftShare=0.3",
        "monitoring.numerical={stattest: psi}",
        "monitoring.columns.rv_7={stattest: KS, threshold: 0.01}",
        "monitoring.columns.symbol.threshold=0.2")).monitoring();
    assertEquals(0.3, monitoring.driftShare());
    assertEquals(Optional.of(StatTest.PSI), monitoring.numerical().test());
    assertEquals(Optional.of(StatTest.KS), monitoring.forColumn("rv_7").test());
    assertEquals("ks", monitoring.forColumn("rv_7").stattest());
    assertEquals(OptionalDouble.of(0.01), monitoring.forColumn("rv_7").thresholdValue());
    assertEquals(Optional.empty(), monitoring.forColumn("symbol").test());
    assertEquals(OptionalDouble.of(0.2), monitoring.forColumn("symbol").thresholdValue());
  }

  @Test
  void badValuesNameTheKey() {
    ConfigException unknown = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, List.of("monitoring.columns.rv_7.stattest=anderson")));
    assertTrue(unknown.getMessage().startsWith("--set overrides: invalid value under 'monitoring.columns.rv_7'"), unknown.getMessage());
    assertTrue(unknown.getMessage().contains("unknown stattest 'anderson'; use one of [ks, chisquare, z, wasserstein, psi, jensenshannon]"),
        unknown.getMessage());

    ConfigException ksOnCategories = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, List.of("monitoring.categorical.stattest=ks")));
    assertTrue(ksOnCategories.getMessage().contains("'categorical.stattest' ks does not apply to categorical columns"), ksOnCategories.getMessage());

    ConfigException share = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, List.of("monitoring.driftShare=1.5")));
    assertTrue(share.getMessage().contains("'driftShare' must be between 0 and 1, got 1.5"), share.getMessage());

    ConfigException negative = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, List.of("monitoring.columns.x.threshold=-1")));
    assertTrue(negative.getMessage().contains("'threshold' must be a finite number > 0"), negative.getMessage());
  }
}
