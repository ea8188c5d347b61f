package io.coinlake.ingest;

import static io.coinlake.lake.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import io.coinlake.lake.LakeFiles;
import java.io.IOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SerializableWritable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads source files in parallel through Hadoop (local paths and s3a:// alike), a few files per
 * Spark task, and turns them into one Dataset of typed rows: per record, the format's value
 * columns plus lineage; per file, one summary row ({@code source_record} 0) holding its
 * {@link FileSummary}. Files are read and parsed once: the rows are persisted in Spark's columnar
 * cache at the given storage level, and the summaries collected from it, so the caller decides
 * what to skip without another pass. Records of a file whose content was ingested before
 * ({@code knownContent}) never enter the cache.
 */
public final class SourceFileReader {
  /** Internal column holding unknown CSV columns until schema evolution promotes them. */
  public static final String EXTRAS = "_extras";
  /** Internal column: true for a good record whose key comes again later in the same file. */
  public static final String DUPLICATE_IN_FILE = "_duplicate_in_file";
  /** Internal column: the {@link FileSummary} of a file, on its summary row only. */
  static final String FILE_SUMMARY = "_file_summary";
  /** Columns after the value columns: lineage, raw text, error, check, extras, the duplicate flag, the summary. */
  static final int LINEAGE_WIDTH = 9;
  /** Files per task, at most: small files share a task, and two cores still get several tasks each. */
  private static final int FILES_PER_TASK = 32;

  /** The type of {@link #FILE_SUMMARY}, in the order {@link FileRows} writes and reads it. */
  static final StructType SUMMARY = new StructType()
      .add("bytes", DataTypes.LongType)
      .add("sha256", DataTypes.StringType)
      .add("error", DataTypes.StringType)
      .add("known", DataTypes.BooleanType)
      .add("records", DataTypes.LongType)
      .add("failed", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType))
      .add("duplicates", DataTypes.LongType)
      .add("first_keys", DataTypes.createArrayType(DataTypes.StringType))
      .add("extra_keys", DataTypes.createArrayType(DataTypes.StringType));

  private SourceFileReader() {}

  /** One source's files after reading: the persisted rows and the files' summaries (sorted by path). */
  public record Batch(Dataset<Row> rows, List<FileSummary> files) {
    /** The records (no summary rows) of the files not in {@code skip}; drops the summary column. */
    public Dataset<Row> records(Set<String> skip) {
      Dataset<Row> records = rows.where(col(SOURCE_RECORD).gt(0));
      if (!skip.isEmpty()) {
        records = records.where(not(col(SOURCE_FILE).isin(skip.toArray())));
      }
      return records.drop(FILE_SUMMARY);
    }

    public void unpersist() {
      rows.unpersist();
    }
  }

  /**
   * Reads and parses every file (one Spark job) and keeps the rows at {@code level}; call
   * {@link Batch#unpersist()} when done. {@code key} is the bronze key: good records repeating a
   * key within a file are flagged. A file Hadoop will not read because of its name
   * ({@link SourceFile#hiddenNameProblem}) and a file that cannot be opened come back unreadable
   * with that reason, so one odd file never stops the batch.
   */
  public static Batch read(SparkSession spark, List<String> files, SourceFormat format, List<String> key,
      Set<String> knownContent, StorageLevel level) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<String> readable = files.stream().filter(f -> SourceFile.hiddenNameProblem(f) == null).toList();
    List<FileSummary> summaries = new ArrayList<>();
    for (String f : files) {
      if (SourceFile.hiddenNameProblem(f) != null) {
        summaries.add(FileSummary.unreadable(f, LakeFiles.size(spark, f), null, SourceFile.hiddenNameProblem(f)));
      }
    }
    StructType schema = schema(format);
    if (readable.isEmpty()) {
      summaries.sort(Comparator.comparing(FileSummary::path));
      return new Batch(spark.createDataFrame(List.of(), schema), summaries);
    }
    int width = format.valueSchema().size();
    int[] keyIndex = FileRows.keyIndex(format.valueSchema(), key);
    boolean nameCarriesData = format.nameCarriesData();
    Broadcast<SerializableWritable<Configuration>> conf =
        jsc.broadcast(new SerializableWritable<>(spark.sparkContext().hadoopConfiguration()));
    Broadcast<Set<String>> known = jsc.broadcast(Set.copyOf(knownContent));
    int tasks = Math.min(readable.size(), Math.max(2 * jsc.defaultParallelism(), (readable.size() + FILES_PER_TASK - 1) / FILES_PER_TASK));
    JavaRDD<Row> rows = jsc.parallelize(readable, tasks).flatMap(path -> {
      SourceFile file = readFile(path, conf.value().value(), format);
      boolean seen = file.readable() && known.value().contains(IngestedFiles.contentKey(file.sha256(), path, nameCarriesData));
      return FileRows.of(file, seen, width, keyIndex).iterator();
    });
    Dataset<Row> persisted = spark.createDataFrame(rows, schema).persist(level);
    for (Row r : persisted.where(col(SOURCE_RECORD).equalTo(0)).select(SOURCE_FILE, FILE_SUMMARY).collectAsList()) {
      summaries.add(FileRows.summary(r.getString(0), r.getStruct(1)));
    }
    summaries.sort(Comparator.comparing(FileSummary::path));
    return new Batch(persisted, summaries);
  }

  /** Reads one whole file through Hadoop and parses it; an I/O error makes the file unreadable. */
  static SourceFile readFile(String path, Configuration conf, SourceFormat format) {
    byte[] content;
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(conf);
      try (FSDataInputStream in = fs.open(p)) {
        content = in.readAllBytes();
      }
    } catch (IOException e) {
      return new SourceFile(path, 0, null, "cannot read the file (" + e.getMessage() + "); check that it exists and is readable", List.of());
    }
    return SourceFile.parse(path, content, format);
  }

  /** The schema of the rows: value columns, lineage, raw text, error and check (null for good rows), extras, flags, summary. */
  public static StructType schema(SourceFormat format) {
    StructType schema = new StructType();
    for (StructField f : format.valueSchema().fields()) {
      schema = schema.add(f.name(), f.dataType(), true);
    }
    return schema
        .add(SOURCE_FILE, DataTypes.StringType, false)
        .add(SOURCE_LINE, DataTypes.LongType, false)
        .add(SOURCE_RECORD, DataTypes.LongType, false)
        .add(RAW_LINE, DataTypes.StringType)
        .add(ERROR, DataTypes.StringType)
        .add(CHECK, DataTypes.StringType)
        .add(EXTRAS, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
        .add(DUPLICATE_IN_FILE, DataTypes.BooleanType, false)
        .add(FILE_SUMMARY, SUMMARY);
  }

  /** Epoch seconds to the Timestamp a value array holds (null-safe); for formats. */
  public static Timestamp timestamp(Long epochSeconds) {
    return epochSeconds == null ? null : new Timestamp(epochSeconds * 1000L);
  }
}
