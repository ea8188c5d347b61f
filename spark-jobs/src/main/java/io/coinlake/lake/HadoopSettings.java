package io.coinlake.lake;

import io.coinlake.config.S3Config;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;

/**
 * The one place that turns the typed storage config into Hadoop settings ({@code fs.s3a.*}), for
 * the Spark session and for code that writes files without Spark (the landing zone).
 *
 * <p>Credentials are deliberately not among them: S3A's default provider chain reads
 * {@code fs.s3a.access.key}/{@code fs.s3a.secret.key} when someone set them outside our config,
 * then AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) from the environment,
 * then the EC2/ECS instance role. Delta needs nothing extra for s3a: its default LogStore for the
 * s3/s3a/s3n schemes is S3SingleDriverLogStore, which is safe while one driver writes a table.
 */
public final class HadoopSettings {
  public static final String S3A_ENDPOINT = "fs.s3a.endpoint";
  public static final String S3A_PATH_STYLE_ACCESS = "fs.s3a.path.style.access";
  public static final String S3A_SSL_ENABLED = "fs.s3a.connection.ssl.enabled";
  public static final String S3A_REGION = "fs.s3a.endpoint.region";
  /** Spark copies {@code spark.hadoop.x=v} into its Hadoop configuration as {@code x=v}. */
  public static final String SPARK_HADOOP_PREFIX = "spark.hadoop.";

  private HadoopSettings() {}

  /** The {@code fs.s3a.*} settings; an empty endpoint or region is left out so S3A's default applies. */
  public static Map<String, String> s3a(S3Config s3) {
    Map<String, String> settings = new LinkedHashMap<>();
    if (!s3.endpoint().isEmpty()) {
      settings.put(S3A_ENDPOINT, s3.endpoint());
    }
    settings.put(S3A_PATH_STYLE_ACCESS, Boolean.toString(s3.pathStyleAccess()));
    settings.put(S3A_SSL_ENABLED, Boolean.toString(s3.sslEnabled()));
    if (!s3.region().isEmpty()) {
      settings.put(S3A_REGION, s3.region());
    }
    return settings;
  }

  /** The same settings as Spark conf entries ({@code spark.hadoop.fs.s3a.*}), so executors get them too. */
  public static Map<String, String> sparkConf(S3Config s3) {
    Map<String, String> conf = new LinkedHashMap<>();
    s3a(s3).forEach((key, value) -> conf.put(SPARK_HADOOP_PREFIX + key, value));
    return conf;
  }

  /** Sets the {@code fs.s3a.*} settings on an existing configuration (such as a running SparkContext's). */
  public static void apply(Configuration conf, S3Config s3) {
    s3a(s3).forEach((key, value) -> conf.set(key, value, "coinlake config s3"));
  }

  /**
   * A Hadoop configuration for writing without Spark, built like Spark builds its own: Hadoop's
   * defaults and site files, then every {@code spark.hadoop.*} JVM system property (what
   * spark-submit's --conf and spark-defaults.conf become in the driver), then our settings.
   */
  public static Configuration configuration(S3Config s3) {
    Configuration conf = new Configuration();
    copySparkHadoopProperties(System.getProperties(), conf);
    apply(conf, s3);
    return conf;
  }

  static void copySparkHadoopProperties(Properties properties, Configuration conf) {
    for (String name : properties.stringPropertyNames()) {
      if (name.startsWith(SPARK_HADOOP_PREFIX) && name.length() > SPARK_HADOOP_PREFIX.length()) {
        conf.set(name.substring(SPARK_HADOOP_PREFIX.length()), properties.getProperty(name), "spark.hadoop.* system property");
      }
    }
  }
}
