package io.coinlake.lake;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The lake rooted at a local path or Hadoop URI. Knows where each {@link LakeTable} lives and
 * registers the existing ones in the session catalog so SQL can say {@code silver.ohlcv}.
 */
public final class Lake {
  private final String root;

  public Lake(String root) {
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }

  public String root() {
    return root;
  }

  public String path(LakeTable table) {
    return root + "/" + table.layer() + "/" + table.table();
  }

  /** A path under the lake for non-table output such as reports, e.g. {@code _reports/validation}. */
  public String path(String relative) {
    return root + "/" + relative;
  }

  public boolean exists(SparkSession spark, LakeTable table) {
    return DeltaTable.isDeltaTable(spark, path(table));
  }

  public Dataset<Row> read(SparkSession spark, LakeTable table) {
    if (!exists(spark, table)) {
      throw new LakeException("table " + table.qualifiedName() + " does not exist yet at " + path(table)
          + "; run the stage that writes it first (./coinlake run)");
    }
    return spark.read().format("delta").load(path(table));
  }

  /** The newest Delta version of a table (for lineage, and to pin a read with {@link #readVersion}). */
  public long version(SparkSession spark, LakeTable table) {
    if (!exists(spark, table)) {
      throw new LakeException("table " + table.qualifiedName() + " does not exist yet at " + path(table)
          + "; run the stage that writes it first (./coinlake run)");
    }
    return DeltaTable.forPath(spark, path(table)).history(1).select("version").first().getLong(0);
  }

  /**
   * The table exactly as it was at a Delta version (time travel, {@code versionAsOf}), so a reader
   * that pins the version it records is not moved by a writer committing meanwhile.
   *
   * @throws LakeException naming the table and the versions it still has, when that version is
   *     newer than the table or its files were vacuumed or its log entries cleaned up
   */
  public Dataset<Row> readVersion(SparkSession spark, LakeTable table, long version) {
    if (!exists(spark, table)) {
      throw new LakeException("table " + table.qualifiedName() + " does not exist at " + path(table)
          + "; cannot read its version " + version + " (is lake.root the lake the run used?)");
    }
    try {
      // load() resolves the snapshot at once, so a missing version fails here, with the table named
      return spark.read().format("delta").option("versionAsOf", version).load(path(table));
    } catch (Exception e) { // Delta throws AnalysisException (checked, undeclared)
      throw new LakeException("cannot read " + table.qualifiedName() + " at Delta version " + version + " (" + path(table)
          + "): " + firstLine(e.getMessage()) + "; the version may be newer than the table or removed by VACUUM or log cleanup", e);
    }
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("").trim();
  }

  /** Registers every existing table as {@code <layer>.<table>} in the session catalog. */
  public void registerTables(SparkSession spark) {
    for (LakeTable table : LakeTable.values()) {
      if (exists(spark, table)) {
        spark.sql("CREATE DATABASE IF NOT EXISTS " + table.layer() + " LOCATION '" + qualified(spark, root + "/" + table.layer()) + "'");
        spark.sql("CREATE TABLE IF NOT EXISTS " + table.qualifiedName() + " USING delta LOCATION '" + qualified(spark, path(table)) + "'");
      }
    }
  }

  /** An absolute URI for a path that may be relative to the working directory. */
  private static String qualified(SparkSession spark, String path) {
    try {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(p).toString();
    } catch (java.io.IOException e) {
      throw new LakeException("cannot resolve " + path + ": " + e.getMessage(), e);
    }
  }
}
