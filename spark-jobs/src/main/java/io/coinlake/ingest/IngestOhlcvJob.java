package io.coinlake.ingest;

import static io.coinlake.lake.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.OhlcvSource;
import io.coinlake.lake.DeltaWrites;
import io.coinlake.lake.Lake;
import io.coinlake.lake.LakeTable;
import io.coinlake.lake.TableColumns;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;

/**
 * Ingest: OHLCV CSV files -> bronze.ohlcv (MERGE on symbol, interval, ts) + quarantine.ohlcv for
 * lines that cannot be read. Within a batch, a key seen twice keeps the last file's row (files
 * are read in path order) and quarantines the others, so re-ingesting creates no duplicates.
 */
public final class IngestOhlcvJob {
  public static final String DUPLICATE_KEY = "duplicate_key";
  public static final String UNREADABLE = "unreadable";

  private IngestOhlcvJob() {}

  public static IngestResult run(SparkSession spark, CoinlakeConfig config) {
    Lake lake = new Lake(config.lake().root());
    String interval = config.ingest().ohlcv().interval();
    Instant now = Instant.now();
    String batchId = "ingest-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(now)
        + "-" + UUID.randomUUID().toString().substring(0, 8);

    // 1. read every source with its layout
    Dataset<Row> parsed = null;
    for (OhlcvSource source : config.ingest().ohlcv().sources()) {
      List<String> files = io.coinlake.lake.LakeFiles.glob(spark, source.path(), source.glob());
      if (files.isEmpty()) {
        throw new IngestException("no files match " + source.path() + "/" + source.glob() + "; check ingest.ohlcv.sources in the config");
      }
      Dataset<Row> part = OhlcvFileReader.read(spark, files, config.layout(source.layout()), interval);
      parsed = parsed == null ? part : parsed.unionByName(part);
    }
    parsed = parsed.withColumn(INGESTED_AT, lit(Timestamp.from(now))).withColumn(BATCH_ID, lit(batchId))
        .persist(StorageLevel.MEMORY_AND_DISK());

    // 2. split: unreadable lines, duplicate keys within the batch (last file wins), good rows
    Dataset<Row> classified = classify(parsed).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> good = classified.filter(col(REASON).isNull()).select(TableColumns.select(TableColumns.BRONZE_OHLCV));
    Dataset<Row> rejected = classified.filter(col(REASON).isNotNull())
        .withColumn(STAGE, lit(STAGE_INGEST))
        .withColumn(QUARANTINED_AT, col(INGESTED_AT))
        .select(TableColumns.select(TableColumns.QUARANTINE));

    // 3. write bronze and quarantine
    DeltaWrites.merge(spark, lake, LakeTable.BRONZE_OHLCV, good, TableColumns.RUN_STAMPS, null);
    DeltaWrites.merge(spark, lake, LakeTable.QUARANTINE_OHLCV, rejected, TableColumns.RUN_STAMPS, null);

    // 4. account for every line of every file, and record it
    List<FileIngestCount> counts = countPerFile(classified);
    DeltaWrites.append(lake, LakeTable.OPS_FILE_INGESTS, countsTable(spark, batchId, now, counts));
    classified.unpersist();
    parsed.unpersist();
    return new IngestResult(batchId, counts);
  }

  /** Adds check and reason: null for rows bound for bronze. Pure. */
  static Dataset<Row> classify(Dataset<Row> parsed) {
    var byKey = Window.partitionBy(col(SYMBOL), col(INTERVAL), col(TS))
        .orderBy(col(SOURCE_FILE).desc(), col(SOURCE_LINE).desc());
    Dataset<Row> ranked = parsed.withColumn("_rank", when(col(ERROR).isNull(), row_number().over(byKey)));
    return ranked
        .withColumn(CHECK, when(col(ERROR).isNotNull(), lit(UNREADABLE))
            .when(col("_rank").gt(1), lit(DUPLICATE_KEY)))
        .withColumn(REASON, when(col(ERROR).isNotNull(), col(ERROR))
            .when(col("_rank").gt(1), lit("the same (symbol, interval, ts) appears again later in this batch; the later row was kept")))
        .drop("_rank");
  }

  private static List<FileIngestCount> countPerFile(Dataset<Row> classified) {
    List<Row> rows = classified.groupBy(col(SOURCE_FILE), col(CHECK))
        .agg(count(lit(1)).as("n"), first(when(col(SOURCE_LINE).equalTo(0), col(REASON)), true).as("file_error"))
        .collectAsList();
    Map<String, long[]> totals = new LinkedHashMap<>();
    Map<String, Map<String, Long>> reasons = new HashMap<>();
    Map<String, String> fileErrors = new HashMap<>();
    for (Row r : rows) {
      String file = r.getString(0);
      String check = r.getString(1);
      long n = r.getLong(2);
      long[] t = totals.computeIfAbsent(file, f -> new long[2]);
      if (check == null) {
        t[0] += n;
      } else {
        t[1] += n;
        reasons.computeIfAbsent(file, f -> new LinkedHashMap<>()).merge(check, n, Long::sum);
      }
      if (!r.isNullAt(3)) {
        fileErrors.put(file, r.getString(3));
      }
    }
    List<FileIngestCount> out = new ArrayList<>();
    totals.keySet().stream().sorted().forEach(file -> {
      long[] t = totals.get(file);
      out.add(new FileIngestCount(file, t[0] + t[1], t[0], t[1], reasons.getOrDefault(file, Map.of()), fileErrors.get(file)));
    });
    return out;
  }

  private static Dataset<Row> countsTable(SparkSession spark, String batchId, Instant at, List<FileIngestCount> counts) {
    List<Row> rows = new ArrayList<>();
    for (FileIngestCount c : counts) {
      rows.add(org.apache.spark.sql.RowFactory.create(batchId, c.sourceFile(), Timestamp.from(at), c.rowsRead(),
          c.rowsToBronze(), c.rowsQuarantined(), scala.collection.JavaConverters.mapAsScalaMap(c.quarantinedByReason()), c.fileError()));
    }
    var schema = new org.apache.spark.sql.types.StructType()
        .add(BATCH_ID, "string").add(SOURCE_FILE, "string").add(INGESTED_AT, "timestamp")
        .add(ROWS_READ, "long").add(ROWS_ACCEPTED, "long").add(ROWS_QUARANTINED, "long")
        .add(QUARANTINED_BY_REASON, "map<string,long>").add(FILE_ERROR, "string");
    return spark.createDataFrame(rows, schema);
  }
}
