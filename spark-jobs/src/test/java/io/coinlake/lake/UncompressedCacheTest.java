package io.coinlake.lake;

import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.testing.SparkTestSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.columnar.DefaultCachedBatch;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;

/** A cache written by its first pass without Spark's columnar compression, and one written with it. */
class UncompressedCacheTest {
  /** Spark's PassThrough scheme: the column stored as is. */
  private static final int PASS_THROUGH = 0;

  private static Dataset<Row> batch(SparkSession spark) {
    // a repetitive symbol and a sorted long: columns Spark compresses (dictionary, delta) when it may
    return spark.range(0, 20_000).selectExpr("concat('SYM', cast(id % 3 AS string)) AS symbol", "id AS ts", "CAST(id AS double) * 0.5 AS close");
  }

  /** The compression scheme of every column of the cache's first batch (Spark's layout: null count, null positions, scheme id, data). */
  private static List<Integer> schemes(SparkSession spark, Dataset<Row> cached) {
    DefaultCachedBatch batch = (DefaultCachedBatch) spark.sharedState().cacheManager().lookupCachedData(cached).get()
        .cachedRepresentation().cacheBuilder().cachedColumnBuffers().toJavaRDD().take(1).get(0);
    List<Integer> out = new ArrayList<>();
    for (byte[] column : batch.buffers()) {
      ByteBuffer buffer = ByteBuffer.wrap(column).order(ByteOrder.nativeOrder());
      int nulls = buffer.getInt();
      buffer.position(4 + 4 * nulls);
      out.add(buffer.getInt());
    }
    return out;
  }

  @Test
  void theFirstPassWritesTheCacheUncompressedAndTheSessionKeepsItsSetting() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> rows = batch(spark);
    scala.Option<String> before = spark.conf().getOption(UncompressedCache.COMPRESSED);
    try {
      long n = UncompressedCache.persist(rows, StorageLevel.DISK_ONLY(), rows::count);
      assertEquals(20_000, n);
      assertEquals(List.of(PASS_THROUGH, PASS_THROUGH, PASS_THROUGH), schemes(spark, rows));
      assertEquals(StorageLevel.DISK_ONLY(), spark.sharedState().cacheManager().lookupCachedData(rows).get().cachedRepresentation()
          .cacheBuilder().storageLevel());
      assertEquals(before, spark.conf().getOption(UncompressedCache.COMPRESSED), "the session's own setting is back");
    } finally {
      rows.unpersist(true);
    }
    // the control: the same batch cached with the session's default setting is compressed
    Dataset<Row> control = batch(spark).selectExpr("*", "1 AS control").persist(StorageLevel.DISK_ONLY());
    try {
      control.count();
      List<Integer> schemes = schemes(spark, control);
      assertNotEquals(PASS_THROUGH, schemes.get(0), "the symbol column: " + schemes);
    } finally {
      control.unpersist(true);
    }
  }
}
