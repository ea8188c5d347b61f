package io.coinlake.lake;

import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.testing.SparkTestSession;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class SessionSettingTest {
  private static final String KEY = "spark.sql.inMemoryColumnarStorage.compressed";

  @Test
  void theSettingHoldsForTheWorkOnlyAndTheSessionsOwnValueComesBack() {
    SparkSession spark = SparkTestSession.get();
    spark.conf().set(KEY, "true");
    try {
      assertEquals("false", SessionSetting.with(spark, KEY, "false", () -> spark.conf().get(KEY)));
      assertEquals("true", spark.conf().get(KEY));
      assertThrows(IllegalStateException.class, () -> SessionSetting.with(spark, KEY, "false", () -> {
        throw new IllegalStateException("the work failed");
      }));
      assertEquals("true", spark.conf().get(KEY), "put back after a failure too");
    } finally {
      spark.conf().unset(KEY);
    }
  }

  @Test
  void aSettingTheSessionDidNotHaveIsUnsetAfter() {
    SparkSession spark = SparkTestSession.get();
    String key = "spark.coinlake.test.unset";
    SessionSetting.with(spark, key, "on", () -> assertEquals("on", spark.conf().get(key)));
    assertTrue(spark.conf().getOption(key).isEmpty());
  }
}
