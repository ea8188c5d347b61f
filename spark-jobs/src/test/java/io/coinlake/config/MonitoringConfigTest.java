package io.coinlake.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    assertEquals(30, monitoring.currentWindowDays());
    assertEquals(MonitoringConfig.QualityPeriod.DAY, monitoring.qualityPeriod());
    assertEquals(1.5, monitoring.degradationFactor());
    assertEquals("./evidently-reports", monitoring.reportsDir());
    assertEquals(new AlertsConfig("", "COINLAKE_ALERT_WEBHOOK_URL", 10), monitoring.alerts());
    assertEquals(java.util.Optional.empty(), monitoring.alerts().webhook(java.util.Map.of()), "alerts are off by default");
  }

  @Test
  void reportSettingsLoad() {
    MonitoringConfig monitoring = ConfigLoader.load(null, List.of(
        "monitoring.currentWindowDays=7",
        "monitoring.qualityPeriod=week",
        "monitoring.degradationFactor=2.5",
        "monitoring.reportsDir=s3a://bucket/reports",
        "monitoring.alerts.webhookUrl=https://hooks.example.com/services/T/B/x",
        "monitoring.alerts.timeoutSeconds=3")).monitoring();
    assertEquals(7, monitoring.currentWindowDays());
    assertEquals(MonitoringConfig.QualityPeriod.WEEK, monitoring.qualityPeriod());
    assertEquals(2.5, monitoring.degradationFactor());
    assertEquals("s3a://bucket/reports", monitoring.reportsDir());
    assertEquals(3, monitoring.alerts().timeoutSeconds());
    assertEquals(java.net.URI.create("https://hooks.example.com/services/T/B/x"), monitoring.alerts().webhook(java.util.Map.of()).orElseThrow());
  }

  @Test
  void badReportSettingsNameTheKeyAndNeverEchoAWebhook() {
    ConfigException factor = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, List.of("monitoring.degradationFactor=0")));
    assertTrue(factor.getMessage().contains("'degradationFactor' must be a finite number > 0, got 0.0"), factor.getMessage());
    ConfigException days = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, List.of("monitoring.currentWindowDays=0")));
    assertTrue(days.getMessage().contains("'currentWindowDays' must be > 0, got 0"), days.getMessage());
    ConfigException period = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, List.of("monitoring.qualityPeriod=month")));
    assertTrue(period.getMessage().contains("'monitoring.qualityPeriod'"), period.getMessage());
    ConfigException hook = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, List.of("monitoring.alerts.webhookUrl=ftp://files.example.com/secret-token")));
    assertTrue(hook.getMessage().contains("'webhookUrl' must be an http(s) URL with a host"), hook.getMessage());
    assertFalse(hook.getMessage().contains("secret-token"), hook.getMessage());
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
