package io.coinlake.ingest;

import static io.coinlake.lake.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.coinlake.lake.DeltaWrites;
import io.coinlake.lake.Lake;
import io.coinlake.lake.RecordKind;
import io.coinlake.lake.TableColumns;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;

/**
 * Writes one record kind's batch: good rows into bronze on the kind's key (new columns by schema
 * evolution), unreadable records and repeated keys into the kind's quarantine. Within a batch a
 * key seen twice keeps the last file's last row, so re-ingesting adds nothing.
 *
 * <p>Repeated keys are found without a shuffle when no two files of the batch share a value of
 * the key's first column (one file per coin, the usual layout): a key can then repeat only inside
 * one file, and the reader flagged those. Otherwise a window over the whole batch ranks them. The
 * writes MERGE, or append when no existing row can match ({@link DeltaWrites#upsert}).
 */
final class BronzeWriter {
  static final String DUPLICATE_KEY = "duplicate_key";

  /** Rows of one file that went to bronze and to quarantine (by check). */
  record FileCounts(long toBronze, long quarantined, Map<String, Long> byReason) {
    static final FileCounts NONE = new FileCounts(0, 0, Map.of());
  }

  private BronzeWriter() {}

  /**
   * Writes the records of the files in {@code files} ({@code rows} holds exactly their records,
   * as the reader made them, plus ingested_at and batch_id) and returns the counts per file.
   */
  static Map<String, FileCounts> write(SparkSession spark, Lake lake, RecordKind kind, Dataset<Row> rows, List<FileSummary> files,
      StorageLevel level) {
    Set<String> extraKeys = new TreeSet<>();
    files.forEach(f -> extraKeys.addAll(f.extraKeys()));
    Dataset<Row> promoted = ExtraColumns.promote(rows, extraKeys);
    Set<String> firstKeys = firstKeys(files);
    if (firstKeys == null || !disjoint(files)) {
      Dataset<Row> classified = classify(promoted, kind.key()).persist(level);
      writeTables(spark, lake, kind, classified, files, firstKeys, -1);
      Map<String, FileCounts> counts = countPerFile(classified);
      classified.unpersist();
      return counts;
    }
    long rejected = files.stream().mapToLong(f -> f.failed() + f.duplicatesInFile()).sum();
    writeTables(spark, lake, kind, classifyWithinFiles(promoted, kind.key()), files, firstKeys, rejected);
    return countsFromSummaries(files);
  }

  /** The values the key's first column takes in the files' good rows, or null when a summary does not say. */
  static Set<String> firstKeys(List<FileSummary> files) {
    Set<String> union = new HashSet<>();
    for (FileSummary f : files) {
      if (f.firstKeys() == null) {
        return null;
      }
      union.addAll(f.firstKeys());
    }
    return union;
  }

  /** True when no first-key value is in two files, so a key can repeat only within one file. */
  static boolean disjoint(List<FileSummary> files) {
    Set<String> seen = new HashSet<>();
    for (FileSummary f : files) {
      for (String k : f.firstKeys()) {
        if (!seen.add(k)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Good rows to bronze, rejected rows to quarantine. With {@code firstKeys} (the batch's values
   * of the key's first column, or null) and {@code rejected} (the count of rejected rows, or -1
   * when not known; when known, the rejected rows are the reader's failed and flagged ones), a
   * write that provably matches nothing appends, and an empty write is skipped.
   */
  private static void writeTables(SparkSession spark, Lake lake, RecordKind kind, Dataset<Row> classified, List<FileSummary> files,
      Set<String> firstKeys, long rejected) {
    List<String> internal = List.of(CHECK, REASON, ERROR, RAW_LINE, SourceFileReader.DUPLICATE_IN_FILE);
    Dataset<Row> good = classified.filter(col(REASON).isNull()).drop(internal.toArray(String[]::new));
    String firstKey = kind.key().get(0);
    Column bronzeMayMatch = firstKeys == null ? lit(true) : DeltaWrites.oneOf(firstKey, firstKeys, FileSummary.NULL_KEY);
    long toBronze = rejected < 0 ? -1 : files.stream().mapToLong(FileSummary::records).sum() - rejected;
    DeltaWrites.upsert(spark, lake, kind.bronze(), good, TableColumns.RUN_STAMPS, null, bronzeMayMatch, toBronze == 0);
    Column rejectedRows = col(ERROR).isNotNull().or(col(SourceFileReader.DUPLICATE_IN_FILE));
    Column quarantineMayMatch = DeltaWrites.oneOf(SOURCE_FILE, files.stream().map(FileSummary::path).toList(), null);
    DeltaWrites.upsert(spark, lake, kind.quarantine(), quarantineRows(classified.filter(rejected < 0 ? col(REASON).isNotNull() : rejectedRows), kind),
        TableColumns.RUN_STAMPS, null, quarantineMayMatch, rejected == 0);
  }

  /** Sets check and reason (kept from parsing, or duplicate_key): null for rows bound for bronze. Pure. */
  static Dataset<Row> classify(Dataset<Row> rows, List<String> key) {
    var byKey = Window.partitionBy(key.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
        .orderBy(col(SOURCE_FILE).desc(), col(SOURCE_RECORD).desc());
    Dataset<Row> ranked = rows.withColumn("_rank", when(col(ERROR).isNull(), row_number().over(byKey)));
    return ranked
        .withColumn(CHECK, when(col(ERROR).isNotNull(), col(CHECK)).when(col("_rank").gt(1), lit(DUPLICATE_KEY)))
        .withColumn(REASON, when(col(ERROR).isNotNull(), col(ERROR)).when(col("_rank").gt(1), lit(duplicateReason(key))))
        .drop("_rank");
  }

  /**
   * {@link #classify} for a batch whose keys can repeat only within a file: the reader's
   * within-file flag says which rows are repeated. Pure, no shuffle.
   */
  static Dataset<Row> classifyWithinFiles(Dataset<Row> rows, List<String> key) {
    Column repeated = col(SourceFileReader.DUPLICATE_IN_FILE);
    return rows
        .withColumn(CHECK, when(col(ERROR).isNotNull(), col(CHECK)).when(repeated, lit(DUPLICATE_KEY)))
        .withColumn(REASON, when(col(ERROR).isNotNull(), col(ERROR)).when(repeated, lit(duplicateReason(key))));
  }

  private static String duplicateReason(List<String> key) {
    return "the same " + key + " appears again later in this batch; the later row was kept";
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

  /** Per file: rows to bronze and quarantined by check, from the reader's summaries (within-file repeats only). */
  static Map<String, FileCounts> countsFromSummaries(List<FileSummary> files) {
    Map<String, FileCounts> out = new HashMap<>();
    for (FileSummary f : files) {
      Map<String, Long> byReason = new LinkedHashMap<>(f.failedByCheck());
      if (f.duplicatesInFile() > 0) {
        byReason.merge(DUPLICATE_KEY, f.duplicatesInFile(), Long::sum);
      }
      long quarantined = f.failed() + f.duplicatesInFile();
      out.put(f.path(), new FileCounts(f.records() - quarantined, quarantined, byReason));
    }
    return out;
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
