package io.coinlake.ingest;

import static io.coinlake.lake.Columns.*;
import static org.apache.spark.sql.functions.lit;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.lake.Lake;
import io.coinlake.lake.LakeFiles;
import io.coinlake.lake.RecordKind;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Ingest: every configured source -> bronze.{ohlcv,market_snapshots,ticks}, unreadable records
 * and repeated keys -> quarantine.<kind>, one ops.file_ingests row per file. Nothing is lost: per
 * file, rows read = rows to bronze + rows quarantined. A file that cannot be read at all is
 * recorded with its one-line reason and the rest of the batch goes on; a file whose content was
 * ingested before is skipped and the skip recorded (unless {@code reingest}).
 */
public final class IngestJob {
  /**
   * Where parsed rows are kept between the passes of a batch: on local disk, in Spark's columnar
   * format. Kept off the heap so that a batch of any size leaves the driver's memory to the work.
   */
  static final StorageLevel CACHE = StorageLevel.DISK_ONLY();

  private IngestJob() {}

  public static IngestResult run(SparkSession spark, CoinlakeConfig config, boolean reingest) {
    Lake lake = new Lake(config.lake().root());
    Instant now = Instant.now();
    String batchId = "ingest-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(now)
        + "-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> seen = reingest ? new java.util.HashMap<>() : IngestedFiles.knownHashes(spark, lake);
    List<SourceSpec> catalog = SourceCatalog.of(config);
    List<FileIngestCount> counts = new ArrayList<>();
    for (RecordKind kind : RecordKind.values()) {
      List<SourceSpec> specs = catalog.stream().filter(s -> s.kind() == kind).toList();
      if (!specs.isEmpty()) {
        counts.addAll(ingestKind(spark, lake, kind, specs, seen, batchId, Timestamp.from(now)));
      }
    }
    IngestedFiles.record(spark, lake, batchId, now, counts);
    return new IngestResult(batchId, counts);
  }

  private static List<FileIngestCount> ingestKind(SparkSession spark, Lake lake, RecordKind kind, List<SourceSpec> specs,
      Map<String, String> seen, String batchId, Timestamp now) {
    List<FileIngestCount> counts = new ArrayList<>();
    List<FileSummary> toRead = new ArrayList<>();
    Map<String, String> formatOf = new java.util.HashMap<>();
    List<SourceFileReader.Batch> batches = new ArrayList<>();
    Set<String> knownBefore = Set.copyOf(seen.keySet());
    Dataset<Row> rows = null;
    for (SourceSpec spec : specs) {
      List<String> files = LakeFiles.glob(spark, spec.path(), spec.glob(), spec.optional());
      if (files.isEmpty()) {
        if (spec.optional()) {
          continue;
        }
        throw new IngestException("no files match " + spec.path() + "/" + spec.glob() + " (" + kind.contractName()
            + " source); fix the path or glob in the config, or remove the source");
      }
      SourceFileReader.Batch batch = SourceFileReader.read(spark, files, spec.format(), kind.key(), knownBefore, CACHE);
      batches.add(batch);
      Set<String> skip = new HashSet<>();
      for (FileSummary f : batch.files()) {
        formatOf.put(f.path(), spec.formatName());
        String key = IngestedFiles.contentKey(f.sha256(), f.path(), spec.format().nameCarriesData());
        String before = f.readable() ? seen.get(key) : null;
        if (!f.readable()) {
          counts.add(new FileIngestCount(kind, spec.formatName(), f.path(), f.bytes(), f.sha256(), STATUS_UNREADABLE,
              0, 0, 0, Map.of(), f.error(), null));
        } else if (before != null) {
          if (!f.known()) {
            skip.add(f.path()); // same content as a file read earlier in this batch: its rows are not taken
          }
          counts.add(new FileIngestCount(kind, spec.formatName(), f.path(), f.bytes(), f.sha256(), STATUS_SKIPPED,
              0, 0, 0, Map.of(), null, "same content as " + before + " was ingested already; use --reingest to read it again"));
        } else {
          seen.put(key, f.path() + " (batch " + batchId + ")");
          toRead.add(f);
        }
      }
      Dataset<Row> part = batch.records(skip);
      if (kind == RecordKind.MARKET_SNAPSHOTS) {
        part = part.withColumn(FEED, lit(spec.formatName()));
      }
      rows = rows == null ? part : rows.unionByName(part);
    }
    if (!toRead.isEmpty()) {
      rows = rows.withColumn(INGESTED_AT, lit(now)).withColumn(BATCH_ID, lit(batchId));
      Map<String, BronzeWriter.FileCounts> written = BronzeWriter.write(spark, lake, kind, rows, toRead, CACHE);
      for (FileSummary f : toRead) {
        BronzeWriter.FileCounts c = written.getOrDefault(f.path(), BronzeWriter.FileCounts.NONE);
        counts.add(new FileIngestCount(kind, formatOf.get(f.path()), f.path(), f.bytes(), f.sha256(), STATUS_INGESTED,
            c.toBronze() + c.quarantined(), c.toBronze(), c.quarantined(), c.byReason(), null, null));
      }
    }
    batches.forEach(SourceFileReader.Batch::unpersist);
    counts.sort(java.util.Comparator.comparing(FileIngestCount::sourceFile));
    return counts;
  }
}
