package io.coinlake.lake;

import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

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
      create(rows, table, path);
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

  /**
   * Creates the table with the rows. An append: on a path that holds no table yet it is what an
   * overwrite does, without the overwrite's listing of the (empty) table's files to remove.
   */
  private static void create(Dataset<Row> rows, LakeTable table, String path) {
    writer(rows, table).mode("append").save(path);
  }

  /** Table property: the columns Delta collects min/max statistics on. */
  static final String STATS_COLUMNS_PROPERTY = "delta.dataSkippingStatsColumns";

  /**
   * A Delta writer of {@code rows} into {@code table}. A write that creates the table sets its
   * statistics columns ({@link LakeTable#statsColumns()}, those {@code rows} has); on an existing
   * table Delta ignores the option, and the table keeps the properties it has.
   */
  private static DataFrameWriter<Row> writer(Dataset<Row> rows, LakeTable table) {
    List<String> present = List.of(rows.columns());
    String stats = table.statsColumns().stream().filter(present::contains).collect(Collectors.joining(","));
    var writer = rows.write().format("delta");
    return stats.isEmpty() ? writer : writer.option(STATS_COLUMNS_PROPERTY, stats);
  }

  /** Like {@link #merge}, but new columns in {@code rows} are added to the table (Delta schema evolution). */
  public static void mergeEvolvingSchema(SparkSession spark, Lake lake, LakeTable table, Dataset<Row> rows,
      List<String> ignoredOnCompare, String deleteMissingWhere) {
    SessionSetting.with(spark, "spark.databricks.delta.schema.autoMerge.enabled", "true",
        () -> merge(spark, lake, table, rows, ignoredOnCompare, deleteMissingWhere));
  }

  /** How {@link #upsert} wrote. */
  public enum Upsert {
    /** The table did not exist and was created with the rows. */
    CREATED,
    /** No target row could be matched or deleted, so the rows were appended. */
    APPENDED,
    /** A MERGE ran. */
    MERGED,
    /** No rows and nothing to delete: the table was left as it was (no commit). */
    UNCHANGED
  }

  /**
   * {@link #mergeEvolvingSchema}, with the same result but cheaper when that is provable: when no
   * target row satisfies {@code mayMatch} or {@code deleteMissingWhere}, no source row can match
   * and nothing is to be deleted, so the MERGE would only insert: the rows are appended instead
   * (new columns added as the MERGE would). When in addition {@code rowsEmpty}, nothing is written.
   *
   * @param mayMatch a condition on the target (alias {@code t}) true for every row a source row
   *     could match on the key: a superset is fine, such as "the first key column takes one of
   *     the source's values"; null when {@code deleteMissingWhere} already covers them
   * @param rowsEmpty true only when {@code rows} is known to be empty
   */
  public static Upsert upsert(SparkSession spark, Lake lake, LakeTable table, Dataset<Row> rows, List<String> ignoredOnCompare,
      String deleteMissingWhere, Column mayMatch, boolean rowsEmpty) {
    String path = lake.path(table);
    if (!DeltaTable.isDeltaTable(spark, path)) {
      create(rows, table, path);
      return Upsert.CREATED;
    }
    Column touched = mayMatch == null ? functions.lit(false) : mayMatch;
    if (deleteMissingWhere != null) {
      touched = touched.or(functions.expr(deleteMissingWhere));
    }
    boolean untouched = DeltaTable.forPath(spark, path).toDF().as("t").where(touched).isEmpty();
    if (untouched && rowsEmpty) {
      return Upsert.UNCHANGED;
    }
    if (untouched) {
      appendEvolvingSchema(lake, table, rows);
      return Upsert.APPENDED;
    }
    mergeEvolvingSchema(spark, lake, table, rows, ignoredOnCompare, deleteMissingWhere);
    return Upsert.MERGED;
  }

  /** {@code column IN values}, where the value {@code nullValue} stands for null (a key may be null). */
  public static Column oneOf(String column, java.util.Collection<String> values, String nullValue) {
    List<String> present = values.stream().filter(v -> !v.equals(nullValue)).toList();
    Column in = present.isEmpty() ? functions.lit(false) : functions.col(column).isin(present.toArray());
    return present.size() < values.size() ? in.or(functions.col(column).isNull()) : in;
  }

  /** Appends rows, adding any new columns to the table's schema. */
  public static void appendEvolvingSchema(Lake lake, LakeTable table, Dataset<Row> rows) {
    writer(rows, table).mode("append").option("mergeSchema", "true").save(lake.path(table));
  }

  /** Appends rows that are new by construction, such as run records keyed by a fresh batch id. */
  public static void append(Lake lake, LakeTable table, Dataset<Row> rows) {
    writer(rows, table).mode("append").save(lake.path(table));
  }

  /** Replaces the rows matching {@code where} (or the whole table when null) with {@code rows}. */
  public static void overwrite(Lake lake, LakeTable table, Dataset<Row> rows, String where) {
    if (where != null && !DeltaTable.isDeltaTable(rows.sparkSession(), lake.path(table))) {
      where = null;
    }
    var writer = writer(rows, table).mode("overwrite").option("overwriteSchema", where == null ? "true" : "false");
    if (where != null) {
      writer = writer.option("replaceWhere", where);
    }
    writer.save(lake.path(table));
  }
}
