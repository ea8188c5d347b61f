package io.coinlake.train;

import static io.coinlake.lake.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.coinlake.lake.TableColumns;
import io.coinlake.lake.UncompressedCache;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Fits every candidate on every fold's training rows and predicts its validation rows, one fold
 * at a time. The candidates of a fold are fitted on {@code fitThreads} threads (Spark runs their
 * jobs side by side); one aggregation per fold computes every metric of every candidate and, in the
 * same job, caches the fold's predictions (on local disk), which stay until {@link CvResult#release()}.
 *
 * <p>A fold's aggregation runs on a thread of its own while the next fold's candidates are fitted:
 * XGBoost's native fit leaves part of the cores idle (its single-threaded steps), and the driver
 * plans one fold's jobs while the other's tasks run. Measured in interleaved pairs against one fold
 * after the other: at 1M rows train 30.9-32.1 s against 32.7-35.4 s; at 10M no difference beyond the
 * machine's noise (229.6 s against 228.2 s, the means of three pairs). At most one aggregation runs
 * at a time, so a failed one stops CV one fold later at most.
 *
 * <p>The folds' slices are filters of the training rows, which the caller caches once. Caching each
 * slice as well was measured (sample and 1M rows, XGBoost): the same CPU time within 3%, while
 * Spark 3.5's adaptive execution materializes each new cache in a job of its own (3 more jobs per
 * fold) and the slices hold up to a second copy of the rows; so the training slices are not cached.
 * The validation slice, read by every candidate, is kept while they predict it, from {@link
 * #KEEP_VALID_FROM_BYTES} of training rows.
 */
public final class WalkForwardCv {
  /**
   * Where a fold's predictions wait for the backtest write: on local disk, uncompressed (see {@link
   * UncompressedCache}), like the training rows, not on the heap, which Spark's execution and XGBoost's
   * fits need.
   */
  private static final StorageLevel CACHE = StorageLevel.DISK_ONLY();
  /** Where a fold's validation rows wait while its candidates predict them: a slice of the training rows, small. */
  private static final StorageLevel VALID_CACHE = StorageLevel.MEMORY_AND_DISK();
  /**
   * Training rows (Spark's size of them: the cache's own once written) from which a fold's
   * validation rows are kept while predicted. Keeping them costs three Spark jobs a fold, which
   * cost more than the rescans save on small inputs. Measured in interleaved pairs, train stage:
   * the bundled sample (5 MB) 8.8 and 9.6 s kept against 8.5 and 8.8 s not; 1M rows (145 MB) 23.7 and
   * 24.5 s against 25.6 and 24.6 s; 10M rows 177.9 s against 183.5 s (CPU 310 against 315 s).
   */
  static final long KEEP_VALID_FROM_BYTES = 64L << 20;
  private static final String ROWS = "n";

  private WalkForwardCv() {}

  public static CvResult run(Dataset<Row> data, List<Candidate> candidates, List<Fold> folds, double floor, int fitThreads) {
    return run(data, candidates, folds, floor, fitThreads, KEEP_VALID_FROM_BYTES);
  }

  /** {@link #run}, keeping validation rows from {@code keepValidFromBytes} of training rows. */
  static CvResult run(Dataset<Row> data, List<Candidate> candidates, List<Fold> folds, double floor, int fitThreads,
      long keepValidFromBytes) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, fitThreads));
    ExecutorService metricsThread = Executors.newSingleThreadExecutor();
    List<Dataset<Row>> predictions = new ArrayList<>();
    Map<String, List<FoldMetrics>> perFold = new TreeMap<>();
    Future<List<FoldMetrics>> pending = null; // the previous fold's aggregation
    boolean keepValid = keepsValidRows(data, keepValidFromBytes);
    try {
      for (Fold fold : folds) {
        Dataset<Row> train = data.filter(WalkForwardSplits.trainCondition(fold));
        Dataset<Row> valid = data.filter(WalkForwardSplits.validCondition(fold));
        Dataset<Row> foldPredictions = predict(pool, train, valid, candidates, fold);
        collect(pending, perFold);
        predictions.add(foldPredictions);
        pending = metricsThread.submit(() -> keepValid ? metricsOnce(valid, foldPredictions, fold, floor) : metricsOf(foldPredictions, fold, floor));
      }
      collect(pending, perFold);
    } catch (RuntimeException e) {
      // the aggregation still running declares its fold's cache: it must end before the unpersist
      finish(pending);
      predictions.forEach(Dataset::unpersist);
      throw e;
    } finally {
      pool.shutdown();
      metricsThread.shutdown();
    }
    return new CvResult(outOfFold(predictions), perFold, means(perFold), predictions);
  }

  /**
   * The folds' cached predictions as one dataset that reads every fold from its cache. A union
   * takes in the children of an operand that is itself a union, and a fold's predictions are a
   * union (of its candidates): unioned as they are, the first fold's cached plan dissolved into
   * its candidates' plans, and the backtest write predicted that fold again (at 10M rows, four
   * more scans of the training rows). A projection over each fold keeps its plan whole.
   */
  static Dataset<Row> outOfFold(List<Dataset<Row>> folds) {
    return folds.stream()
        .map(fold -> fold.select(TableColumns.select(List.of(fold.columns()))))
        .reduce(Dataset::unionByName).orElseThrow();
  }

  /** Fits the candidates on the fold's training rows (concurrently) and unions their predictions of its validation rows. */
  private static Dataset<Row> predict(ExecutorService pool, Dataset<Row> train, Dataset<Row> valid, List<Candidate> candidates,
      Fold fold) {
    List<Future<PipelineModel>> fits = new ArrayList<>();
    for (Candidate candidate : candidates) {
      fits.add(pool.submit(() -> candidate.fit(train)));
    }
    Dataset<Row> out = null;
    for (int i = 0; i < candidates.size(); i++) {
      Dataset<Row> part = CvPredictions.of(await(fits.get(i)), valid).select(col(SYMBOL), col(TS), lit(fold.index()).as(FOLD),
          lit(candidates.get(i).name()).as(MODEL), col(LABEL).as(Y_TRUE), col(PREDICTION).as(Y_PRED));
      out = out == null ? part : out.unionByName(part);
    }
    return out;
  }

  /** Waits for a fold's aggregation, if any, and files its metrics by model. */
  private static void collect(Future<List<FoldMetrics>> aggregation, Map<String, List<FoldMetrics>> perFold) {
    if (aggregation == null) {
      return;
    }
    for (FoldMetrics m : await(aggregation)) {
      perFold.computeIfAbsent(m.model(), k -> new ArrayList<>()).add(m);
    }
  }

  /** Waits for {@code work} to end, whatever its outcome (one already reported, or superseded by another failure). */
  private static void finish(Future<?> work) {
    if (work == null) {
      return;
    }
    try {
      work.get();
    } catch (ExecutionException | CancellationException ignored) {
      // the caller is failing already
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static <T> T await(Future<T> work) {
    try {
      return work.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during cross-validation", e);
    }
  }

  /**
   * {@link #metricsOf}, with the validation rows, which every candidate predicts, kept meanwhile
   * ({@link #VALID_CACHE}): the training rows are read once for them instead of once per candidate.
   */
  private static List<FoldMetrics> metricsOnce(Dataset<Row> valid, Dataset<Row> foldPredictions, Fold fold, double floor) {
    try {
      return UncompressedCache.persist(valid, VALID_CACHE, () -> metricsOf(foldPredictions, fold, floor));
    } finally {
      valid.unpersist();
    }
  }

  /** True when the training rows are large enough (Spark's size of them) to keep a fold's validation rows. */
  private static boolean keepsValidRows(Dataset<Row> data, long fromBytes) {
    return data.queryExecution().optimizedPlan().stats().sizeInBytes().compareTo(scala.math.BigInt.apply(fromBytes)) >= 0;
  }

  /** The fold's {@link #metrics}, in the job that writes the fold's predictions to their cache. */
  private static List<FoldMetrics> metricsOf(Dataset<Row> foldPredictions, Fold fold, double floor) {
    return UncompressedCache.persist(foldPredictions, CACHE, () -> metrics(foldPredictions, fold, floor));
  }

  /** Every metric of every candidate on one fold, in one aggregation (one Spark job). */
  static List<FoldMetrics> metrics(Dataset<Row> foldPredictions, Fold fold, double floor) {
    List<FoldMetrics> out = new ArrayList<>();
    for (Row r : foldPredictions.groupBy(col(MODEL)).agg(count(lit(1)).as(ROWS), Metrics.aggregations(floor)).collectAsList()) {
      out.add(new FoldMetrics(r.getString(0), fold.index(), r.getLong(r.fieldIndex(ROWS)), r.getDouble(r.fieldIndex(Metrics.QLIKE)),
          r.getDouble(r.fieldIndex(Metrics.RMSE)), r.getDouble(r.fieldIndex(Metrics.MAE)), r.getDouble(r.fieldIndex(Metrics.R2))));
    }
    return out;
  }

  /** The mean over folds per model (rows: the sum). */
  static Map<String, FoldMetrics> means(Map<String, List<FoldMetrics>> perFold) {
    Map<String, FoldMetrics> means = new LinkedHashMap<>();
    perFold.forEach((model, list) -> means.put(model, new FoldMetrics(model, -1, list.stream().mapToLong(FoldMetrics::rows).sum(),
        list.stream().mapToDouble(FoldMetrics::qlike).average().orElse(Double.NaN),
        list.stream().mapToDouble(FoldMetrics::rmse).average().orElse(Double.NaN),
        list.stream().mapToDouble(FoldMetrics::mae).average().orElse(Double.NaN),
        list.stream().mapToDouble(FoldMetrics::r2).average().orElse(Double.NaN))));
    return means;
  }
}
