package io.coinlake.lake;

import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The two idempotent writes every stage uses: MERGE on the table key, and overwrite of a slice.
 * Running either twice with the same input leaves the table with the same rows.
 */
public final class DeltaWrites {
  private DeltaWrites() {}

  /**
   * Upserts {@code rows} on the table's key. A matched row is rewritten only when a value column
   * changed, so re-running keeps lineage such as {@code ingested_at} stable. {@code rows} must be
   * unique on the key. When {@code deleteMissingWhere} is given, target rows matching it that are
   * absent from {@code rows} are deleted (the slice is replaced by the new content).
   */
  public static void merge(SparkSession spark, Lake lake, LakeTable table, Dataset<Row> rows,
      List<String> ignoredOnCompare, String deleteMissingWhere) {
    String path = lake.path(table);
    if (!DeltaTable.isDeltaTable(spark, path)) {
      rows.write().format("delta").mode("overwrite").save(path);
      return;
    }
    String on = table.key().stream().map(k -> "t.`" + k + "` <=> s.`" + k + "`").collect(Collectors.joining(" AND "));
    DeltaTable target = DeltaTable.forPath(spark, path);
    List<String> targetColumns = List.of(target.toDF().columns());
    boolean newColumns = Stream.of(rows.columns()).anyMatch(c -> !targetColumns.contains(c));
    // with new columns (schema evolution) every matched row is rewritten to fill them in
    String changed = newColumns ? "true" : Stream.of(rows.columns())
        .filter(c -> !table.key().contains(c) && !ignoredOnCompare.contains(c))
        .map(c -> "NOT (t.`" + c + "` <=> s.`" + c + "`)")
        .collect(Collectors.joining(" OR "));
    var builder = target.as("t").merge(rows.as("s"), on);
    builder = changed.isEmpty() ? builder : builder.whenMatched(changed).updateAll();
    builder = builder.whenNotMatched().insertAll();
    if (deleteMissingWhere != null) {
      builder = builder.whenNotMatchedBySource(deleteMissingWhere).delete();
    }
    builder.execute();
  }

  /** Like {@link #merge}, but new columns in {@code rows} are added to the table (Delta schema evolution). */
  public static void mergeEvolvingSchema(SparkSession spark, Lake lake, LakeTable table, Dataset<Row> rows,
      List<String> ignoredOnCompare, String deleteMissingWhere) {
    String key = "spark.databricks.delta.schema.autoMerge.enabled";
    String before = spark.conf().get(key, "false");
    spark.conf().set(key, "true");
    try {
      merge(spark, lake, table, rows, ignoredOnCompare, deleteMissingWhere);
    } finally {
      spark.conf().set(key, before);
    }
  }

  /** Appends rows, adding any new columns to the table's schema. */
  public static void appendEvolvingSchema(Lake lake, LakeTable table, Dataset<Row> rows) {
    rows.write().format("delta").mode("append").option("mergeSchema", "true").save(lake.path(table));
  }

  /** Appends rows that are new by construction, such as run records keyed by a fresh batch id. */
  public static void append(Lake lake, LakeTable table, Dataset<Row> rows) {
    rows.write().format("delta").mode("append").save(lake.path(table));
  }

  /** Replaces the rows matching {@code where} (or the whole table when null) with {@code rows}. */
  public static void overwrite(Lake lake, LakeTable table, Dataset<Row> rows, String where) {
    if (where != null && !DeltaTable.isDeltaTable(rows.sparkSession(), lake.path(table))) {
      where = null;
    }
    var writer = rows.write().format("delta").mode("overwrite").option("overwriteSchema", where == null ? "true" : "false");
    if (where != null) {
      writer = writer.option("replaceWhere", where);
    }
    writer.save(lake.path(table));
  }
}
