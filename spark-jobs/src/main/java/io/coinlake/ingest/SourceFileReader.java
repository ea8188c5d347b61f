package io.coinlake.ingest;

import static io.coinlake.lake.Columns.*;

import io.coinlake.lake.LakeFiles;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads source files in parallel, one Spark task per file, through Hadoop (local paths and s3a://
 * alike), and turns them into rows: the format's value columns plus lineage. Files are parsed
 * once; {@link #summaries} and {@link #rows} reuse the cached parse.
 */
public final class SourceFileReader {
  /** Internal column holding unknown CSV columns until schema evolution promotes them. */
  public static final String EXTRAS = "_extras";

  private SourceFileReader() {}

  /**
   * Parses every file; the result is cached, call {@code unpersist()} when done. A file Hadoop
   * will not read because of its name ({@link SourceFile#hiddenNameProblem}) comes back
   * unreadable with that reason, since handing it to Hadoop would fail every file of the batch.
   */
  public static JavaRDD<SourceFile> parse(SparkSession spark, List<String> files, SourceFormat format) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<String> readable = files.stream().filter(f -> SourceFile.hiddenNameProblem(f) == null).toList();
    List<SourceFile> hidden = files.stream().filter(f -> SourceFile.hiddenNameProblem(f) != null)
        .map(f -> SourceFile.hidden(f, LakeFiles.size(spark, f))).toList();
    JavaRDD<SourceFile> parsed = readable.isEmpty() ? jsc.emptyRDD()
        : jsc.binaryFiles(String.join(",", readable), Math.max(1, Math.min(readable.size(), 64)))
            .map(file -> SourceFile.parse(file._1(), file._2().toArray(), format));
    if (!hidden.isEmpty()) {
      parsed = parsed.union(jsc.parallelize(hidden, 1));
    }
    return parsed.persist(StorageLevel.MEMORY_AND_DISK_SER());
  }

  /** The files without their records: small, for the driver's accounting. */
  public static List<SourceFile> summaries(JavaRDD<SourceFile> parsed) {
    return parsed.map(f -> new SourceFile(f.path(), f.bytes(), f.sha256(), f.error(), List.of()))
        .collect().stream().sorted(java.util.Comparator.comparing(SourceFile::path)).toList();
  }

  /** The schema of {@link #rows}: value columns, lineage, and the error and its check (null for good rows). */
  public static StructType schema(SourceFormat format) {
    StructType schema = new StructType();
    for (StructField f : format.valueSchema().fields()) {
      schema = schema.add(f.name(), f.dataType(), true);
    }
    return schema
        .add(SOURCE_FILE, DataTypes.StringType, false)
        .add(SOURCE_LINE, DataTypes.LongType, false)
        .add(SOURCE_RECORD, DataTypes.LongType, false)
        .add(CONTENT_SHA256, DataTypes.StringType, false)
        .add(RAW_LINE, DataTypes.StringType)
        .add(ERROR, DataTypes.StringType)
        .add(CHECK, DataTypes.StringType)
        .add(EXTRAS, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));
  }

  /** One row per record of the readable files not in {@code skip}; records are numbered from 1 per file. */
  public static Dataset<Row> rows(SparkSession spark, JavaRDD<SourceFile> parsed, SourceFormat format, Set<String> skip) {
    int width = format.valueSchema().size();
    JavaRDD<Row> rows = parsed.filter(f -> f.readable() && !skip.contains(f.path())).flatMap(f -> {
      List<Row> out = new ArrayList<>(f.records().size());
      long index = 0;
      for (ParsedRecord r : f.records()) {
        Object[] values = new Object[width + 8];
        if (r.isOk()) {
          System.arraycopy(r.values(), 0, values, 0, width);
        }
        values[width] = f.path();
        values[width + 1] = r.line();
        values[width + 2] = ++index;
        values[width + 3] = f.sha256();
        values[width + 4] = r.raw();
        values[width + 5] = r.error();
        values[width + 6] = r.check();
        values[width + 7] = r.extras().isEmpty() ? null : scala.collection.JavaConverters.mapAsScalaMap(r.extras());
        out.add(RowFactory.create(values));
      }
      return out.iterator();
    });
    return spark.createDataFrame(rows, schema(format));
  }

  /** Epoch seconds to the Timestamp a value array holds (null-safe); for formats. */
  public static Timestamp timestamp(Long epochSeconds) {
    return epochSeconds == null ? null : new Timestamp(epochSeconds * 1000L);
  }
}
