package io.coinlake.ingest;

import static io.coinlake.lake.Columns.*;

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

/**
 * Reads source files in parallel through Hadoop (local paths and s3a:// alike), a few files per
 * Spark task, and parses them with their {@link SourceFormat}. Nothing is cached: parsing is
 * cheaper than keeping the rows, so each pass reads and parses the files it needs again, and
 * every pass sees the same rows (parsing is pure). {@link #summaries} looks at every file once,
 * {@link #records} turns a chosen set of files into typed rows: the format's value columns plus
 * lineage.
 */
public final class SourceFileReader {
  /** Internal column holding unknown CSV columns until schema evolution promotes them. */
  public static final String EXTRAS = "_extras";
  /** Internal column: true for a good record whose key comes again later in the same file. */
  public static final String DUPLICATE_IN_FILE = "_duplicate_in_file";
  /** Columns after the value columns: lineage, raw text, error, check, extras, the duplicate flag. */
  static final int LINEAGE_WIDTH = 8;
  /** Files per task, at most: small files share a task, and two cores still get several tasks each. */
  private static final int FILES_PER_TASK = 32;

  private SourceFileReader() {}

  /**
   * Reads and parses every file (one Spark job) and returns what each holds, sorted by path. A
   * file whose content key ({@link IngestedFiles#contentKey}) is in {@code knownContent} comes
   * back {@code known}. A file Hadoop will not read because of its name
   * ({@link SourceFile#hiddenNameProblem}) and a file that cannot be opened come back unreadable
   * with that reason, so one odd file never stops the batch. {@code key} is the bronze key.
   */
  public static List<FileSummary> summaries(SparkSession spark, List<String> files, SourceFormat format, List<String> key,
      Set<String> knownContent) {
    List<FileSummary> summaries = new ArrayList<>();
    List<String> readable = new ArrayList<>();
    for (String f : files) {
      if (SourceFile.hiddenNameProblem(f) != null) {
        summaries.add(FileSummary.unreadable(f, LakeFiles.size(spark, f), null, SourceFile.hiddenNameProblem(f)));
      } else {
        readable.add(f);
      }
    }
    if (!readable.isEmpty()) {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      int[] keyIndex = FileRows.keyIndex(format.valueSchema(), key);
      boolean nameCarriesData = format.nameCarriesData();
      Broadcast<SerializableWritable<Configuration>> conf = hadoopConf(spark);
      Broadcast<Set<String>> known = jsc.broadcast(Set.copyOf(knownContent));
      summaries.addAll(paths(jsc, readable).map(path -> {
        SourceFile file = readFile(path, conf.value().value(), format);
        boolean seen = file.readable() && known.value().contains(IngestedFiles.contentKey(file.sha256(), path, nameCarriesData));
        return FileRows.summarize(file, seen, keyIndex);
      }).collect());
    }
    summaries.sort(Comparator.comparing(FileSummary::path));
    return summaries;
  }

  /**
   * The records of {@code files} (readable ones, as {@link #summaries} found them) as rows of
   * {@link #schema}, numbered from 1 per file. Lazy: each action over the result reads and parses
   * the files again.
   */
  public static Dataset<Row> records(SparkSession spark, List<String> files, SourceFormat format, List<String> key) {
    StructType schema = schema(format);
    if (files.isEmpty()) {
      return spark.createDataFrame(List.of(), schema);
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int width = format.valueSchema().size();
    int[] keyIndex = FileRows.keyIndex(format.valueSchema(), key);
    Broadcast<SerializableWritable<Configuration>> conf = hadoopConf(spark);
    JavaRDD<Row> rows = paths(jsc, files).flatMap(path -> FileRows.rows(readFile(path, conf.value().value(), format), width, keyIndex).iterator());
    return spark.createDataFrame(rows, schema);
  }

  /** The paths as an RDD with a task per few files. */
  private static JavaRDD<String> paths(JavaSparkContext jsc, List<String> files) {
    int tasks = Math.min(files.size(), Math.max(2 * jsc.defaultParallelism(), (files.size() + FILES_PER_TASK - 1) / FILES_PER_TASK));
    return jsc.parallelize(files, tasks);
  }

  private static Broadcast<SerializableWritable<Configuration>> hadoopConf(SparkSession spark) {
    return JavaSparkContext.fromSparkContext(spark.sparkContext())
        .broadcast(new SerializableWritable<>(spark.sparkContext().hadoopConfiguration()));
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

  /** The schema of the rows: value columns, lineage, raw text, error and check (null for good rows), extras, the duplicate flag. */
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
        .add(DUPLICATE_IN_FILE, DataTypes.BooleanType, false);
  }

  /** Epoch seconds to the Timestamp a value array holds (null-safe); for formats. */
  public static Timestamp timestamp(Long epochSeconds) {
    return epochSeconds == null ? null : new Timestamp(epochSeconds * 1000L);
  }
}
