package io.coinlake.ingest;

import static io.coinlake.lake.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.coinlake.lake.DeltaWrites;
import io.coinlake.lake.Lake;
import io.coinlake.lake.RecordKind;
import io.coinlake.lake.TableColumns;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;

/**
 * Writes one record kind's batch: good rows MERGE into bronze on the kind's key (new columns by
 * schema evolution), unreadable records and repeated keys MERGE into the kind's quarantine.
 * Within a batch a key seen twice keeps the last file's last row, so re-ingesting adds nothing.
 */
final class BronzeWriter {
  static final String DUPLICATE_KEY = "duplicate_key";

  /** Rows of one file that went to bronze and to quarantine (by check). */
  record FileCounts(long toBronze, long quarantined, Map<String, Long> byReason) {
    static final FileCounts NONE = new FileCounts(0, 0, Map.of());
  }

  private BronzeWriter() {}

  static Map<String, FileCounts> write(SparkSession spark, Lake lake, RecordKind kind, Dataset<Row> rows) {
    Dataset<Row> classified = classify(ExtraColumns.promote(rows), kind.key()).persist(StorageLevel.MEMORY_AND_DISK());
    List<String> internal = List.of(CHECK, REASON, ERROR, RAW_LINE, CONTENT_SHA256);
    Dataset<Row> good = classified.filter(col(REASON).isNull()).drop(internal.toArray(String[]::new));
    DeltaWrites.mergeEvolvingSchema(spark, lake, kind.bronze(), good, TableColumns.RUN_STAMPS, null);
    DeltaWrites.mergeEvolvingSchema(spark, lake, kind.quarantine(), quarantineRows(classified.filter(col(REASON).isNotNull()), kind),
        TableColumns.RUN_STAMPS, null);
    Map<String, FileCounts> counts = countPerFile(classified);
    classified.unpersist();
    return counts;
  }

  /** Sets check and reason (kept from parsing, or duplicate_key): null for rows bound for bronze. Pure. */
  static Dataset<Row> classify(Dataset<Row> rows, List<String> key) {
    var byKey = Window.partitionBy(key.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
        .orderBy(col(SOURCE_FILE).desc(), col(SOURCE_RECORD).desc());
    Dataset<Row> ranked = rows.withColumn("_rank", when(col(ERROR).isNull(), row_number().over(byKey)));
    return ranked
        .withColumn(CHECK, when(col(ERROR).isNotNull(), col(CHECK)).when(col("_rank").gt(1), lit(DUPLICATE_KEY)))
        .withColumn(REASON, when(col(ERROR).isNotNull(), col(ERROR))
            .when(col("_rank").gt(1), lit("the same " + key + " appears again later in this batch; the later row was kept")))
        .drop("_rank");
  }

  /** Rows in the shared quarantine shape: where they came from, what they were, and why. */
  static Dataset<Row> quarantineRows(Dataset<Row> rejected, RecordKind kind) {
    boolean hasInterval = List.of(rejected.columns()).contains(INTERVAL);
    return rejected
        .withColumn(STAGE, lit(STAGE_INGEST))
        .withColumn(QUARANTINED_AT, col(INGESTED_AT))
        .withColumn("_symbol", col(kind.symbolColumn()))
        .withColumn("_ts", col(kind.tsColumn()))
        .withColumn("_interval", hasInterval ? col(INTERVAL) : lit(null).cast("string"))
        .select(TableColumns.quarantineSelect("_symbol", "_interval", "_ts"));
  }

  private static Map<String, FileCounts> countPerFile(Dataset<Row> classified) {
    Map<String, long[]> totals = new HashMap<>();
    Map<String, Map<String, Long>> reasons = new HashMap<>();
    for (Row r : classified.groupBy(col(SOURCE_FILE), col(CHECK)).count().collectAsList()) {
      long[] t = totals.computeIfAbsent(r.getString(0), f -> new long[2]);
      if (r.isNullAt(1)) {
        t[0] += r.getLong(2);
      } else {
        t[1] += r.getLong(2);
        reasons.computeIfAbsent(r.getString(0), f -> new LinkedHashMap<>()).merge(r.getString(1), r.getLong(2), Long::sum);
      }
    }
    Map<String, FileCounts> out = new HashMap<>();
    totals.forEach((file, t) -> out.put(file, new FileCounts(t[0], t[1], reasons.getOrDefault(file, Map.of()))));
    return out;
  }
}
