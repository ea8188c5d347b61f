package io.coinlake.fetch;

import io.coinlake.config.LandingConfig;
import org.apache.hadoop.conf.Configuration;

/**
 * The Hadoop configuration the landing zone is written with. Fetch runs without Spark, so it
 * cannot borrow Spark's Hadoop configuration: S3 settings (endpoint, credentials provider,
 * path-style access) for an s3a:// landing root belong here, in one place.
 */
public final class LandingHadoopConf {
  private LandingHadoopConf() {}

  public static Configuration create(LandingConfig landing) {
    // Hadoop's defaults (core-site.xml on the classpath, HADOOP_CONF_DIR) plus whatever s3a needs.
    return new Configuration();
  }
}
