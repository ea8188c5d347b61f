package io.coinlake.quality;

import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.metrics.Metric;
import com.amazon.deequ.repository.AnalysisResult;
import com.amazon.deequ.repository.AnalysisResultSerde;
import com.amazon.deequ.repository.ResultKey;
import com.amazon.deequ.repository.fs.FileSystemMetricsRepository;
import io.coinlake.lake.LakeException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;
import scala.collection.JavaConverters;
import scala.util.Try;

/**
 * The Deequ {@link FileSystemMetricsRepository} behind {@link MetricsHistory}: one JSON file (a
 * list of (result key, metrics) entries) read and written through Hadoop's FileSystem, so local
 * paths and s3a:// work alike. Part of the Deequ adapter: the rest of the code sees plain Java.
 *
 * <p>Deequ replaces an entry only when the whole key (date and every tag) is equal, and merges the
 * metrics of a re-run into the entry of the same key (a metric of the new run wins). To keep one
 * entry per (source, run date) when a date is re-run under another window label,
 * {@link #dropOtherWindows} removes those older entries after the run is saved.
 */
public final class DeequMetricsRepository {
  private DeequMetricsRepository() {}

  /** Every entry of the repository file, oldest run date first; empty when there is no file. */
  public static List<StoredMetrics> load(SparkSession spark, String repositoryPath) {
    List<StoredMetrics> entries = new ArrayList<>();
    for (AnalysisResult result : results(open(spark, repositoryPath))) {
      Map<String, Double> metrics = new LinkedHashMap<>();
      for (Metric<?> metric : JavaConverters.seqAsJavaList(result.analyzerContext().allMetrics())) {
        Try<?> value = metric.value();
        if (value.isSuccess() && value.get() instanceof Number n) {
          metrics.put(metric.name() + "(" + metric.instance() + ")", n.doubleValue());
        }
      }
      entries.add(new StoredMetrics(MetricsHistory.dateOf(result.resultKey().dataSetDate()),
          JavaConverters.mapAsJavaMap(result.resultKey().tags()), metrics));
    }
    entries.sort(Comparator.comparing(StoredMetrics::runDate));
    return entries;
  }

  /** A metric's value in the latest run of the source strictly before the run date. */
  record Previous(LocalDate runDate, double value) {}

  static FileSystemMetricsRepository open(SparkSession spark, String repositoryPath) {
    return new FileSystemMetricsRepository(spark, repositoryPath);
  }

  static ResultKey key(MetricsHistory history) {
    return new ResultKey(history.runDateMillis(), scalaMap(history.tags()));
  }

  /**
   * The same selection Deequ's anomaly check makes (source tag, dates up to run date - 1 ms, this
   * analyzer only), reduced to its latest point that has a value.
   */
  static Optional<Previous> previous(FileSystemMetricsRepository repository, MetricsHistory history,
      Analyzer<?, Metric<?>> analyzer) {
    List<AnalysisResult> earlier = JavaConverters.seqAsJavaList(repository.load()
        .withTagValues(scalaMap(Map.of(MetricsHistory.TAG_SOURCE, history.source())))
        .before(history.runDateMillis() - 1)
        .forAnalyzers(JavaConverters.asScalaBuffer(List.<Analyzer<?, Metric<?>>>of(analyzer)).toList())
        .get());
    Previous latest = null;
    for (AnalysisResult result : earlier) {
      scala.Option<Metric<?>> metric = result.analyzerContext().metric(analyzer);
      long date = result.resultKey().dataSetDate();
      if (metric.isDefined() && metric.get().value().isSuccess()
          && metric.get().value().get() instanceof Number n
          && (latest == null || date > MetricsHistory.epochMillis(latest.runDate()))) {
        latest = new Previous(MetricsHistory.dateOf(date), n.doubleValue());
      }
    }
    return Optional.ofNullable(latest);
  }

  /**
   * Removes entries of the same source and run date as {@code history} whose key differs (another
   * window label), so the date has one entry: the run just saved. Rewrites the file only when
   * there is something to remove (write to a temporary file, then replace).
   */
  static void dropOtherWindows(SparkSession spark, MetricsHistory history) {
    FileSystemMetricsRepository repository = open(spark, history.repositoryPath());
    ResultKey keep = key(history);
    List<AnalysisResult> all = results(repository);
    List<AnalysisResult> kept = all.stream().filter(r -> !supersededBy(r.resultKey(), keep)).toList();
    if (kept.size() == all.size()) {
      return;
    }
    String json = AnalysisResultSerde.serialize(JavaConverters.asScalaBuffer(kept).toList());
    replaceFile(spark, history.repositoryPath(), json);
  }

  private static boolean supersededBy(ResultKey key, ResultKey keep) {
    return key.dataSetDate() == keep.dataSetDate()
        && key.tags().get(MetricsHistory.TAG_SOURCE).equals(keep.tags().get(MetricsHistory.TAG_SOURCE))
        && !key.equals(keep);
  }

  private static List<AnalysisResult> results(FileSystemMetricsRepository repository) {
    return JavaConverters.seqAsJavaList(repository.load().get());
  }

  private static void replaceFile(SparkSession spark, String path, String text) {
    try {
      Path target = new Path(path);
      FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
      Path temp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
      try (OutputStream out = fs.create(temp, false)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
      fs.delete(target, false);
      if (!fs.rename(temp, target)) {
        throw new IOException("rename of " + temp + " failed");
      }
    } catch (IOException e) {
      throw new LakeException("cannot rewrite the metrics repository " + path + ": " + e.getMessage()
          + "; check that the path is writable", e);
    }
  }

  static scala.collection.immutable.Map<String, String> scalaMap(Map<String, String> map) {
    scala.collection.immutable.Map<String, String> result = scala.collection.immutable.Map$.MODULE$.empty();
    for (Map.Entry<String, String> e : map.entrySet()) {
      result = result.$plus(new Tuple2<>(e.getKey(), e.getValue()));
    }
    return result;
  }
}
