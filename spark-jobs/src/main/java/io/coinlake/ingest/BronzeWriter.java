package io.coinlake.ingest;

import static io.coinlake.lake.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.coinlake.lake.DeltaWrites;
import io.coinlake.lake.Lake;
import io.coinlake.lake.RecordKind;
import io.coinlake.lake.TableColumns;
import java.util.Collection;
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
 * <p>The rows are parsed again for each pass rather than kept ({@link SourceFileReader}); the
 * quarantine pass reads only the files that have rejected rows. Repeated keys are found without
 * a shuffle when no two files share a value of the key's first column (one file per coin, the
 * usual layout): a key can then repeat only inside a file, and the reader flagged those.
 * Otherwise the key, file and record of every good row are ranked once, and the repeats (few,
 * as a rule) are joined back. The writes MERGE, or append when no existing row can match
 * ({@link DeltaWrites#upsert}).
 */
final class BronzeWriter {
  static final String DUPLICATE_KEY = "duplicate_key";
  /** Internal column: true for a good row whose key comes again later in the batch (another file, or later in its own). */
  private static final String REPEATED = "_repeated";
  /** Repeated rows up to this many are broadcast to every task; more are joined by a shuffle. */
  private static final long BROADCAST_REPEATS = 2_000_000;

  /** Rows of one file that went to bronze and to quarantine (by check). */
  record FileCounts(long toBronze, long quarantined, Map<String, Long> byReason) {
    static final FileCounts NONE = new FileCounts(0, 0, Map.of());
  }

  /** The rows of some files of the batch (with ingested_at and batch_id), parsed anew on every action. */
  interface Records {
    Dataset<Row> of(Collection<String> files);
  }

  private BronzeWriter() {}

  /** Writes the records of {@code files} (readable files, as the reader summarised them) and returns the counts per file. */
  static Map<String, FileCounts> write(SparkSession spark, Lake lake, RecordKind kind, Records records, List<FileSummary> files) {
    List<String> all = files.stream().map(FileSummary::path).toList();
    Set<String> extraKeys = new TreeSet<>();
    files.forEach(f -> extraKeys.addAll(f.extraKeys()));
    Set<String> firstKeys = firstKeys(files);
    Map<String, Long> repeats;
    Dataset<Row> repeated = null;
    if (firstKeys != null && disjoint(files)) {
      repeats = new HashMap<>();
      files.forEach(f -> repeats.put(f.path(), f.duplicatesInFile()));
    } else {
      repeated = repeatedRows(records.of(all), kind.key()).persist(StorageLevel.MEMORY_AND_DISK());
      repeats = new HashMap<>();
      for (Row r : repeated.groupBy(SOURCE_FILE).count().collectAsList()) {
        repeats.put(r.getString(0), r.getLong(1));
      }
    }
    long total = files.stream().mapToLong(FileSummary::records).sum();
    long rejected = files.stream().mapToLong(f -> f.failed() + repeats.getOrDefault(f.path(), 0L)).sum();

    Dataset<Row> good = classify(mark(ExtraColumns.promote(records.of(all), extraKeys), repeated, repeats), kind.key())
        .filter(col(REASON).isNull())
        .drop(CHECK, REASON, ERROR, RAW_LINE, SourceFileReader.DUPLICATE_IN_FILE, REPEATED);
    Column bronzeMayMatch = firstKeys == null ? lit(true) : DeltaWrites.oneOf(kind.key().get(0), firstKeys, FileSummary.NULL_KEY);
    DeltaWrites.upsert(spark, lake, kind.bronze(), good, TableColumns.RUN_STAMPS, null, bronzeMayMatch, total - rejected == 0);

    List<String> withRejects = files.stream().filter(f -> f.failed() + repeats.getOrDefault(f.path(), 0L) > 0).map(FileSummary::path).toList();
    Dataset<Row> bad = classify(mark(records.of(withRejects).drop(SourceFileReader.EXTRAS), repeated, repeats), kind.key())
        .filter(col(REASON).isNotNull());
    DeltaWrites.upsert(spark, lake, kind.quarantine(), quarantineRows(bad, kind), TableColumns.RUN_STAMPS, null,
        DeltaWrites.oneOf(SOURCE_FILE, withRejects, null), rejected == 0);
    if (repeated != null) {
      repeated.unpersist();
    }

    Map<String, FileCounts> out = new HashMap<>();
    for (FileSummary f : files) {
      Map<String, Long> byReason = new LinkedHashMap<>(f.failedByCheck());
      long repeatedRows = repeats.getOrDefault(f.path(), 0L);
      if (repeatedRows > 0) {
        byReason.merge(DUPLICATE_KEY, repeatedRows, Long::sum);
      }
      long quarantined = f.failed() + repeatedRows;
      out.put(f.path(), new FileCounts(f.records() - quarantined, quarantined, byReason));
    }
    return out;
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
   * The file and record of every good row whose key comes again later in the batch: ranked by
   * file, then record, the last one is kept. Reads only the key, file and record. Pure.
   */
  static Dataset<Row> repeatedRows(Dataset<Row> rows, List<String> key) {
    var byKey = Window.partitionBy(key.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
        .orderBy(col(SOURCE_FILE).desc(), col(SOURCE_RECORD).desc());
    List<String> columns = new java.util.ArrayList<>(key);
    columns.addAll(List.of(SOURCE_FILE, SOURCE_RECORD));
    return rows.where(col(ERROR).isNull())
        .select(columns.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
        .withColumn("_rank", row_number().over(byKey))
        .where(col("_rank").gt(1))
        .select(col(SOURCE_FILE), col(SOURCE_RECORD), lit(true).as(REPEATED));
  }

  /**
   * Adds {@link #REPEATED}: the reader's within-file flag when no other file can repeat a key
   * ({@code repeated} null), else membership in {@code repeated}, joined by (file, record).
   */
  private static Dataset<Row> mark(Dataset<Row> rows, Dataset<Row> repeated, Map<String, Long> repeats) {
    if (repeated == null) {
      return rows.withColumn(REPEATED, col(SourceFileReader.DUPLICATE_IN_FILE));
    }
    long n = repeats.values().stream().mapToLong(Long::longValue).sum();
    if (n == 0) {
      return rows.withColumn(REPEATED, lit(false));
    }
    Dataset<Row> right = n <= BROADCAST_REPEATS ? broadcast(repeated) : repeated;
    return rows.join(right, scala.collection.JavaConverters.asScalaBuffer(List.of(SOURCE_FILE, SOURCE_RECORD)).toSeq(), "left")
        .withColumn(REPEATED, coalesce(col(REPEATED), lit(false)));
  }

  /** Sets check and reason (kept from parsing, or duplicate_key for {@link #REPEATED} rows): null for rows bound for bronze. Pure. */
  static Dataset<Row> classify(Dataset<Row> rows, List<String> key) {
    Column repeated = col(REPEATED);
    return rows
        .withColumn(CHECK, when(col(ERROR).isNotNull(), col(CHECK)).when(repeated, lit(DUPLICATE_KEY)))
        .withColumn(REASON, when(col(ERROR).isNotNull(), col(ERROR))
            .when(repeated, lit("the same " + key + " appears again later in this batch; the later row was kept")));
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
}
