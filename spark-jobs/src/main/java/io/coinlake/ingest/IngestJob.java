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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Ingest: every configured source -> bronze.{ohlcv,market_snapshots,ticks}, unreadable records
 * and repeated keys -> quarantine.<kind>, one ops.file_ingests row per file. Nothing is lost: per
 * file, rows read = rows to bronze + rows quarantined. A file that cannot be read at all is
 * recorded with its one-line reason and the rest of the batch goes on; a file whose content was
 * ingested before is skipped and the skip recorded (unless {@code reingest}).
 */
public final class IngestJob {
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
    Map<String, SourceSpec> specOf = new HashMap<>();
    Set<String> knownBefore = Set.copyOf(seen.keySet());
    for (SourceSpec spec : specs) {
      List<String> files = LakeFiles.glob(spark, spec.path(), spec.glob(), spec.optional());
      if (files.isEmpty()) {
        if (spec.optional()) {
          continue;
        }
        throw new IngestException("no files match " + spec.path() + "/" + spec.glob() + " (" + kind.contractName()
            + " source); fix the path or glob in the config, or remove the source");
      }
      for (FileSummary f : SourceFileReader.summaries(spark, files, spec.format(), kind.key(), knownBefore)) {
        String key = IngestedFiles.contentKey(f.sha256(), f.path(), spec.format().nameCarriesData());
        String before = f.readable() ? seen.get(key) : null;
        if (!f.readable()) {
          counts.add(new FileIngestCount(kind, spec.formatName(), f.path(), f.bytes(), f.sha256(), STATUS_UNREADABLE,
              0, 0, 0, Map.of(), f.error(), null));
        } else if (before != null) {
          counts.add(new FileIngestCount(kind, spec.formatName(), f.path(), f.bytes(), f.sha256(), STATUS_SKIPPED,
              0, 0, 0, Map.of(), null, "same content as " + before + " was ingested already; use --reingest to read it again"));
        } else {
          seen.put(key, f.path() + " (batch " + batchId + ")");
          specOf.put(f.path(), spec);
          toRead.add(f);
        }
      }
    }
    if (!toRead.isEmpty()) {
      BronzeWriter.Records records = files -> records(spark, kind, specs, specOf, files, batchId, now);
      Map<String, BronzeWriter.FileCounts> written = BronzeWriter.write(spark, lake, kind, records, toRead);
      for (FileSummary f : toRead) {
        BronzeWriter.FileCounts c = written.getOrDefault(f.path(), BronzeWriter.FileCounts.NONE);
        counts.add(new FileIngestCount(kind, specOf.get(f.path()).formatName(), f.path(), f.bytes(), f.sha256(), STATUS_INGESTED,
            c.toBronze() + c.quarantined(), c.toBronze(), c.quarantined(), c.byReason(), null, null));
      }
    }
    counts.sort(java.util.Comparator.comparing(FileIngestCount::sourceFile));
    return counts;
  }

  /** The rows of {@code files}, each read with its source's format, stamped with the batch. */
  private static Dataset<Row> records(SparkSession spark, RecordKind kind, List<SourceSpec> specs, Map<String, SourceSpec> specOf,
      java.util.Collection<String> files, String batchId, Timestamp now) {
    Dataset<Row> rows = null;
    for (SourceSpec spec : specs) {
      List<String> mine = files.stream().filter(f -> specOf.get(f) == spec).sorted().toList();
      if (mine.isEmpty() && rows != null) {
        continue;
      }
      Dataset<Row> part = SourceFileReader.records(spark, mine, spec.format(), kind.key());
      if (kind == RecordKind.MARKET_SNAPSHOTS) {
        part = part.withColumn(FEED, lit(spec.formatName()));
      }
      rows = rows == null ? part : rows.unionByName(part);
    }
    return rows.withColumn(INGESTED_AT, lit(now)).withColumn(BATCH_ID, lit(batchId));
  }
}
