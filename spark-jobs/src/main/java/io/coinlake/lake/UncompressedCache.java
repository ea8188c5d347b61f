package io.coinlake.lake;

import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Caches a dataset in Spark's columnar format without its compression. Spark picks a compression
 * per column batch by trying every scheme on every value, which is most of the cost of writing a
 * cache of doubles (they have no scheme anyway): at 10M rows, a third of validate's first pass.
 * Meant for caches that live for one stage, on local disk (the OS's page cache) or small.
 */
public final class UncompressedCache {
  /** Spark's setting; its session value is read when a cache is declared and when it is written. */
  public static final String COMPRESSED = "spark.sql.inMemoryColumnarStorage.compressed";

  private UncompressedCache() {}

  /**
   * Persists {@code rows} at {@code level} and runs {@code firstPass}, the first query over them,
   * which writes the cache, with the compression off: it must be off both at the persist, where
   * Spark copies the session's settings for the cached plan, and while the cache is written.
   */
  public static <T> T persist(Dataset<Row> rows, StorageLevel level, Supplier<T> firstPass) {
    SparkSession spark = rows.sparkSession();
    return SessionSetting.with(spark, COMPRESSED, "false", () -> {
      rows.persist(level);
      return firstPass.get();
    });
  }
}
