package io.coinlake.lake;

import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import scala.Option;

/**
 * Runs some work with one Spark SQL setting changed for its duration, then puts the session's own
 * value back (or unsets it when the session had none), also when the work fails. The session is
 * shared: meant for the pipeline's stages, which run one at a time.
 */
public final class SessionSetting {
  private SessionSetting() {}

  public static <T> T with(SparkSession spark, String key, String value, Supplier<T> work) {
    Option<String> before = spark.conf().getOption(key);
    spark.conf().set(key, value);
    try {
      return work.get();
    } finally {
      if (before.isDefined()) {
        spark.conf().set(key, before.get());
      } else {
        spark.conf().unset(key);
      }
    }
  }

  public static void with(SparkSession spark, String key, String value, Runnable work) {
    with(spark, key, value, () -> {
      work.run();
      return null;
    });
  }
}
