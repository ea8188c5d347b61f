package io.coinlake.lake;

import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.config.S3Config;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class HadoopSettingsTest {
  private static final S3Config MINIO = new S3Config("http://127.0.0.1:9000", true, "eu-west-1", false);

  @Test
  void aCompatibleStoreGetsEverySetting() {
    assertEquals(Map.of(
        "fs.s3a.endpoint", "http://127.0.0.1:9000",
        "fs.s3a.path.style.access", "true",
        "fs.s3a.connection.ssl.enabled", "false",
        "fs.s3a.endpoint.region", "eu-west-1"), HadoopSettings.s3a(MINIO));
  }

  @Test
  void plainAwsLeavesEndpointAndRegionToS3aAndSetsNoCredentials() {
    Map<String, String> settings = HadoopSettings.s3a(S3Config.aws());
    assertEquals(List.of("fs.s3a.path.style.access", "fs.s3a.connection.ssl.enabled"), List.copyOf(settings.keySet()));
    assertEquals(List.of("false", "true"), List.copyOf(settings.values()));
  }

  @Test
  void sparkConfEntriesCarryTheSparkHadoopPrefix() {
    Map<String, String> conf = HadoopSettings.sparkConf(MINIO);
    assertEquals("http://127.0.0.1:9000", conf.get("spark.hadoop.fs.s3a.endpoint"));
    assertEquals("true", conf.get("spark.hadoop.fs.s3a.path.style.access"));
    assertEquals(4, conf.size());
  }

  @Test
  void applyOverridesWhatTheConfigurationHad() {
    Configuration conf = new Configuration(false);
    conf.set("fs.s3a.endpoint", "http://old:1");
    conf.set("fs.s3a.connection.maximum", "7");
    HadoopSettings.apply(conf, MINIO);
    assertEquals("http://127.0.0.1:9000", conf.get("fs.s3a.endpoint"));
    assertEquals("eu-west-1", conf.get("fs.s3a.endpoint.region"));
    assertEquals("7", conf.get("fs.s3a.connection.maximum"), "settings we do not own are kept");
  }

  @Test
  void sparkHadoopPropertiesPassThroughLikeSparkDoes() {
    Properties properties = new Properties();
    properties.setProperty("spark.hadoop.fs.s3a.connection.maximum", "9");
    properties.setProperty("spark.hadoop.", "ignored: no key");
    properties.setProperty("spark.master", "local[2]");
    Configuration conf = new Configuration(false);
    HadoopSettings.copySparkHadoopProperties(properties, conf);
    assertEquals("9", conf.get("fs.s3a.connection.maximum"));
    assertNull(conf.get("spark.master"));
    assertNull(conf.get("master"));
    assertNull(conf.get(""));
  }

  @Test
  void theSparkFreeConfigurationPutsOurSettingsOverSystemProperties() {
    String key = "spark.hadoop.fs.s3a.endpoint";
    String before = System.getProperty(key);
    System.setProperty(key, "http://from-system-property:1");
    System.setProperty("spark.hadoop.coinlake.test.marker", "passed through");
    try {
      Configuration conf = HadoopSettings.configuration(MINIO);
      assertEquals("http://127.0.0.1:9000", conf.get("fs.s3a.endpoint"), "the coinlake config wins, as in the Spark session");
      assertEquals("passed through", conf.get("coinlake.test.marker"));
      assertEquals("true", conf.get("fs.s3a.path.style.access"));
    } finally {
      System.clearProperty("spark.hadoop.coinlake.test.marker");
      if (before == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, before);
      }
    }
  }
}
