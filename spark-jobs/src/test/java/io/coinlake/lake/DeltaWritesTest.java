package io.coinlake.lake;

import static io.coinlake.lake.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.lake.DeltaWrites.Upsert;
import io.coinlake.testing.SparkTestSession;
import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** upsert appends only where a MERGE would only insert, and leaves the same table as the MERGE in every case. */
class DeltaWritesTest {
  private static final LakeTable TABLE = LakeTable.SILVER_OHLCV;
  private static final StructType SCHEMA = new StructType()
      .add(SYMBOL, "string").add(INTERVAL, "string").add(TS, "timestamp").add(CLOSE, "double").add(BATCH_ID, "string");

  @TempDir
  Path dir;

  private static Dataset<Row> rows(String batch, Object... symbolDayClose) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < symbolDayClose.length; i += 3) {
      rows.add(RowFactory.create(symbolDayClose[i], "1d",
          Timestamp.from(Instant.parse("2021-01-01T00:00:00Z").plusSeconds(86400L * (Integer) symbolDayClose[i + 1])),
          symbolDayClose[i + 2], batch));
    }
    return SparkTestSession.get().createDataFrame(rows, SCHEMA);
  }

  private static List<String> content(Lake lake) {
    return lake.read(SparkTestSession.get(), TABLE).orderBy(SYMBOL, TS).collectAsList().stream()
        .map(r -> r.getString(0) + "|" + r.getTimestamp(2).toInstant().toString().substring(0, 10) + "|" + r.getDouble(3) + "|" + r.getString(4))
        .toList();
  }

  private static long version(Lake lake) {
    return lake.version(SparkTestSession.get(), TABLE);
  }

  /** The same write through upsert into one lake and through merge into another: the mode, and both tables. */
  private Upsert both(Lake upserted, Lake merged, Dataset<Row> rows, String deleteWhere, Set<String> symbols) {
    SparkSession spark = SparkTestSession.get();
    Upsert mode = DeltaWrites.upsert(spark, upserted, TABLE, rows, List.of(BATCH_ID), deleteWhere,
        DeltaWrites.oneOf(SYMBOL, symbols, "\u0000null"), rows.isEmpty());
    DeltaWrites.mergeEvolvingSchema(spark, merged, TABLE, rows, List.of(BATCH_ID), deleteWhere);
    assertEquals(content(merged), content(upserted));
    return mode;
  }

  @Test
  void appendsWhereTheMergeCouldOnlyInsertAndMergesOtherwise() {
    Lake upserted = new Lake(dir.resolve("a").toString());
    Lake merged = new Lake(dir.resolve("b").toString());
    assertEquals(Upsert.CREATED, both(upserted, merged, rows("b1", "BTC", 0, 1.0, "BTC", 1, 2.0), null, Set.of("BTC")));
    assertEquals(Upsert.APPENDED, both(upserted, merged, rows("b2", "ETH", 0, 3.0, "ETH", 1, 4.0), null, Set.of("ETH")),
        "a symbol the table does not hold yet cannot match");
    assertEquals(Upsert.MERGED, both(upserted, merged, rows("b3", "ETH", 1, 4.5, "ETH", 2, 5.0), null, Set.of("ETH")));
    assertEquals(List.of("BTC|2021-01-01|1.0|b1", "BTC|2021-01-02|2.0|b1", "ETH|2021-01-01|3.0|b2", "ETH|2021-01-02|4.5|b3",
        "ETH|2021-01-03|5.0|b3"), content(upserted), "the merge updated ETH's second day in place: no duplicate key");
    assertEquals(Upsert.MERGED, both(upserted, merged, rows("b4", "ETH", 1, 4.5), null, Set.of("ETH")),
        "re-writing the same row merges and changes nothing");
    assertEquals("ETH|2021-01-02|4.5|b3", content(upserted).get(3), "an unchanged row keeps its batch stamp");
  }

  @Test
  void aSliceToReplaceIsMergedUnlessItIsEmpty() {
    Lake upserted = new Lake(dir.resolve("a").toString());
    Lake merged = new Lake(dir.resolve("b").toString());
    both(upserted, merged, rows("b1", "BTC", 0, 1.0, "BTC", 1, 2.0), null, Set.of("BTC"));
    String newDays = "t.ts >= '2021-01-05'";
    assertEquals(Upsert.APPENDED, both(upserted, merged, rows("b2", "BTC", 5, 6.0), newDays, Set.of()),
        "nothing in the slice yet: nothing to delete, nothing to match");
    assertEquals(Upsert.MERGED, both(upserted, merged, rows("b3", "BTC", 6, 7.0), newDays, Set.of()),
        "the slice holds day 5, which is not in the new rows: the merge deletes it");
    assertEquals(List.of("BTC|2021-01-01|1.0|b1", "BTC|2021-01-02|2.0|b1", "BTC|2021-01-07|7.0|b3"), content(upserted));
  }

  @Test
  void noRowsAndNothingToDeleteLeaveTheTableAsItWas() {
    SparkSession spark = SparkTestSession.get();
    Lake lake = new Lake(dir.resolve("a").toString());
    DeltaWrites.upsert(spark, lake, TABLE, rows("b1", "BTC", 0, 1.0), List.of(BATCH_ID), null, lit(true), false);
    long before = version(lake);
    Dataset<Row> none = rows("b2").where(col(SYMBOL).isNotNull());
    assertEquals(Upsert.UNCHANGED, DeltaWrites.upsert(spark, lake, TABLE, none, List.of(BATCH_ID), null,
        DeltaWrites.oneOf(SYMBOL, Set.of(), null), true));
    assertEquals(before, version(lake), "no commit");
    assertEquals(Upsert.MERGED, DeltaWrites.upsert(spark, lake, TABLE, none, List.of(BATCH_ID), "t.symbol = 'BTC'", null, true),
        "with rows to delete, an empty write still merges");
    assertEquals(List.of(), content(lake));
    assertTrue(DeltaTable.isDeltaTable(spark, lake.path(TABLE)));
  }

  @Test
  void oneOfStandsANullValueForNull() {
    Dataset<Row> rows = rows("b", "BTC", 0, 1.0, "ETH", 0, 1.0).union(
        SparkTestSession.get().createDataFrame(List.of(RowFactory.create(null, "1d", Timestamp.from(Instant.EPOCH), 1.0, "b")), SCHEMA));
    assertEquals(2, rows.where(DeltaWrites.oneOf(SYMBOL, Set.of("ETH", "NUL"), "NUL")).count());
    assertEquals(1, rows.where(DeltaWrites.oneOf(SYMBOL, Set.of("BTC"), "NUL")).count());
    assertEquals(0, rows.where(DeltaWrites.oneOf(SYMBOL, Set.of(), "NUL")).count());
  }

  /** The columns the min/max statistics of every file in the table's log cover. */
  private static Set<String> statsColumns(Lake lake) {
    SparkSession spark = SparkTestSession.get();
    Set<String> columns = new java.util.TreeSet<>();
    for (Row r : spark.read().json(lake.path(TABLE) + "/_delta_log/*.json").where(col("add").isNotNull())
        .select(col("add.stats")).collectAsList()) {
      Row stats = spark.read().json(spark.createDataset(List.of(r.getString(0)), org.apache.spark.sql.Encoders.STRING())).first();
      Row min = stats.getStruct(stats.fieldIndex("minValues"));
      columns.addAll(List.of(min.schema().fieldNames()));
    }
    return columns;
  }

  private static String statsProperty(Lake lake) {
    return DeltaTable.forPath(SparkTestSession.get(), lake.path(TABLE)).detail().select("properties").first().getJavaMap(0)
        .get(DeltaWrites.STATS_COLUMNS_PROPERTY).toString();
  }

  @Test
  void aCreatedTableKeepsStatisticsOnItsKeyOnly() {
    Set<String> key = Set.of(SYMBOL, INTERVAL, TS);
    Lake upserted = new Lake(dir.resolve("a").toString());
    Lake appended = new Lake(dir.resolve("b").toString());
    Lake overwritten = new Lake(dir.resolve("c").toString());
    both(upserted, new Lake(dir.resolve("d").toString()), rows("b1", "BTC", 0, 1.0, "BTC", 1, 2.0), null, Set.of("BTC"));
    DeltaWrites.append(appended, TABLE, rows("b1", "BTC", 0, 1.0));
    DeltaWrites.overwrite(overwritten, TABLE, rows("b1", "BTC", 0, 1.0), SYMBOL + " = 'BTC'");
    for (Lake lake : List.of(upserted, appended, overwritten)) {
      assertEquals("symbol,interval,ts", statsProperty(lake));
      assertEquals(key, statsColumns(lake), "no statistics on close or batch_id");
    }
    both(upserted, new Lake(dir.resolve("d").toString()), rows("b2", "BTC", 1, 2.5, "ETH", 0, 3.0), null, Set.of("BTC", "ETH"));
    assertEquals(key, statsColumns(upserted), "files the MERGE wrote too");
    assertEquals(1, upserted.read(SparkTestSession.get(), TABLE).where(col(TS).lt(lit("2021-01-02"))).where(col(SYMBOL).equalTo("ETH")).count());
  }

  @Test
  void anExistingTableKeepsItsStatisticsColumns() {
    Lake lake = new Lake(dir.resolve("a").toString());
    rows("b1", "BTC", 0, 1.0).write().format("delta").save(lake.path(TABLE));
    DeltaWrites.append(lake, TABLE, rows("b2", "BTC", 1, 2.0));
    assertFalse(DeltaTable.forPath(SparkTestSession.get(), lake.path(TABLE)).detail().select("properties").first().getJavaMap(0)
        .containsKey(DeltaWrites.STATS_COLUMNS_PROPERTY));
    assertEquals(Set.of(SYMBOL, INTERVAL, TS, CLOSE, BATCH_ID), statsColumns(lake), "Delta's default: the first 32 columns");
  }
}
