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

  /** The Delta version of a table (for lineage tags). */
  public long version(SparkSession spark, LakeTable table) {
    return DeltaTable.forPath(spark, path(table)).history(1).select("version").first().getLong(0);
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
