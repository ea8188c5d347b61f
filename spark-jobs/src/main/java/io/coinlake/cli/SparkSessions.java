package io.coinlake.cli;

import io.coinlake.config.SparkConfig;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the one session a command uses. The master always comes from outside (spark-submit, or
 * the launcher's -Dspark.master); Delta is always enabled and timestamps are UTC.
 */
final class SparkSessions {
  private SparkSessions() {}

  static SparkSession create(SparkConfig config, String appName) {
    SparkConf conf = new SparkConf();
    if (!conf.contains("spark.master")) {
      throw new CommonOptions.UsageError("no Spark master is set: run through ./coinlake (local) or spark-submit --master <url>");
    }
    SparkSession.Builder builder = SparkSession.builder().appName(appName)
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", Integer.toString(config.shufflePartitions()))
        .config("spark.sql.adaptive.enabled", "true")
        .config("spark.databricks.delta.snapshotPartitions", Integer.toString(config.shufflePartitions()));
    if (conf.get("spark.master").startsWith("local")) {
      builder = builder.config("spark.ui.enabled", conf.get("spark.ui.enabled", "false"))
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1");
    }
    return builder.getOrCreate();
  }
}
