package io.coinlake.cli;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.lake.HadoopSettings;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the one session a command uses. The master always comes from outside (spark-submit, or
 * the launcher's -Dspark.master); Delta is always enabled, timestamps are UTC, and s3a:// paths
 * use the config's {@code s3} settings (see {@link HadoopSettings}).
 */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession create(CoinlakeConfig config, String appName) {
    SparkConf conf = new SparkConf();
    if (!conf.contains("spark.master")) {
      throw new CommonOptions.UsageError("no Spark master is set: run through ./coinlake (local) or spark-submit --master <url>");
    }
    SparkSession.Builder builder = SparkSession.builder().appName(appName)
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", Integer.toString(config.spark().shufflePartitions()))
        .config("spark.sql.adaptive.enabled", "true")
        .config("spark.databricks.delta.snapshotPartitions", Integer.toString(config.spark().shufflePartitions()));
    for (var setting : HadoopSettings.sparkConf(config.s3()).entrySet()) {
      builder = builder.config(setting.getKey(), setting.getValue());
    }
    if (conf.get("spark.master").startsWith("local")) {
      builder = builder.config("spark.ui.enabled", conf.get("spark.ui.enabled", "false"))
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1");
    }
    SparkSession spark = builder.getOrCreate();
    // a SparkContext that already ran (tests, notebooks) ignores spark.hadoop.* from the builder
    HadoopSettings.apply(spark.sparkContext().hadoopConfiguration(), config.s3());
    return spark;
  }
}
