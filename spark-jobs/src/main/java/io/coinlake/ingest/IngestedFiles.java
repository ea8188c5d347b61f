package io.coinlake.ingest;

import static io.coinlake.lake.Columns.*;
import static org.apache.spark.sql.functions.col;

import io.coinlake.lake.DeltaWrites;
import io.coinlake.lake.Lake;
import io.coinlake.lake.LakeTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** ops.file_ingests: one row per file per ingest batch, and the content hashes already ingested. */
public final class IngestedFiles {
  static final StructType SCHEMA = new StructType()
      .add(BATCH_ID, "string").add(RECORD_KIND, "string").add(FORMAT, "string").add(SOURCE_FILE, "string")
      .add(FILE_BYTES, "long").add(CONTENT_SHA256, "string").add(FILE_STATUS, "string").add(INGESTED_AT, "timestamp")
      .add(ROWS_READ, "long").add(ROWS_ACCEPTED, "long").add(ROWS_QUARANTINED, "long")
      .add(QUARANTINED_BY_REASON, "map<string,long>").add(FILE_ERROR, "string");

  private IngestedFiles() {}

  /** Content hash -> "file (batch id)" of every file ingested so far. */
  /**
   * What makes two files the same input: their content, plus the file name when the format reads
   * data from the name (landing files: the fetch time, product, granularity), so two identical
   * API bodies fetched at different times are both ingested.
   */
  static String contentKey(String sha256, String path, boolean nameCarriesData) {
    return nameCarriesData ? sha256 + "|" + path.substring(path.lastIndexOf('/') + 1) : sha256;
  }

  static Map<String, String> knownHashes(SparkSession spark, Lake lake) {
    Map<String, String> known = new HashMap<>();
    if (!lake.exists(spark, LakeTable.OPS_FILE_INGESTS)) {
      return known;
    }
    Dataset<Row> ops = lake.read(spark, LakeTable.OPS_FILE_INGESTS);
    if (!List.of(ops.columns()).contains(CONTENT_SHA256)) {
      return known;
    }
    for (Row r : ops.where(col(FILE_STATUS).equalTo(STATUS_INGESTED))
        .select(CONTENT_SHA256, SOURCE_FILE, BATCH_ID).collectAsList()) {
      String where = r.getString(1) + " (batch " + r.getString(2) + ")";
      known.putIfAbsent(r.getString(0), where);
      known.putIfAbsent(contentKey(r.getString(0), r.getString(1), true), where);
    }
    return known;
  }

  static void record(SparkSession spark, Lake lake, String batchId, Instant at, List<FileIngestCount> counts) {
    List<Row> rows = new ArrayList<>();
    for (FileIngestCount c : counts) {
      rows.add(RowFactory.create(batchId, c.kind().contractName(), c.format(), c.sourceFile(), c.bytes(), c.sha256(),
          c.status(), Timestamp.from(at), c.rowsRead(), c.rowsToBronze(), c.rowsQuarantined(),
          scala.collection.JavaConverters.mapAsScalaMap(c.quarantinedByReason()), c.fileError()));
    }
    DeltaWrites.appendEvolvingSchema(lake, LakeTable.OPS_FILE_INGESTS, spark.createDataFrame(rows, SCHEMA));
  }
}
