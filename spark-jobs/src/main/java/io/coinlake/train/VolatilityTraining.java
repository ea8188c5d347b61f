package io.coinlake.train;

import static io.coinlake.lake.Columns.TS;
import static org.apache.spark.sql.functions.*;

import io.coinlake.config.GbtGrid;
import io.coinlake.lake.Lake;
import io.coinlake.lake.UncompressedCache;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * What a training computes from a {@link TrainingSpec}, shared by {@code train} and {@code train
 * --reproduce}: the rows ({@link TrainingData}), the walk-forward folds, CV of every candidate, the
 * winner by the spec's selection metric, refit on all rows. Writes nothing. Close it to release
 * the cached rows and out-of-fold predictions.
 */
record VolatilityTraining(TrainingSpec spec, Dataset<Row> data, long rows, List<Fold> folds, List<Candidate> candidates,
    CvResult cv, Candidate winner, PipelineModel model) implements AutoCloseable {

  /**
   * Candidates of a fold fitted side by side, so one candidate's tasks can use the cores while
   * another waits on the driver (job planning, XGBoost's tracker, collecting a model). Measured on
   * 2 shared cores against 1 thread: XGBoost CV used the same CPU time within 3% (sample and 1M
   * rows), and wall times (both engines) stayed within the machine's noise; no measurable gain, no
   * loss. Fixed, not the cluster's parallelism: each XGBoost fit already takes every task slot.
   */
  static final int FIT_THREADS = 2;
  /**
   * Where the training rows are kept for CV and the refit: on local disk (the OS's page cache), in
   * Spark's columnar format without compression ({@link UncompressedCache}: Spark found nothing to
   * compress in the feature doubles, and searching for it took a quarter of the caching job). On the
   * heap (MEMORY_AND_DISK) the 10M-row cache did not fit at first, went to disk, and was then read
   * back into the heap, where it stayed for the whole stage: with a 4 GiB heap, train took 183.3 s
   * and peaked at 6.33 GiB RSS, against 178.8 s and 5.02 GiB on disk; with 2.5 GiB, every read tried
   * to unroll it into the heap again and one run ran out of heap. 1M rows and the sample took the
   * same time either way (train 25.0 and 25.7 s against 27.3 and 25.4 s; 9.0 and 9.6 s against 8.7
   * and 9.2 s).
   */
  static final StorageLevel CACHE = StorageLevel.DISK_ONLY();

  static VolatilityTraining fit(SparkSession spark, Lake lake, TrainingSpec spec) {
    XgboostWorkers workers = XgboostWorkers.available(spark.sparkContext());
    if (GbtGrid.XGBOOST.equals(spec.gbt().engine()) && GbtGrid.FIT_SPARK.equals(spec.gbt().xgboostFit())) {
      workers.require(spec.trainingPartitions());
    }
    // 1. the rows, pinned to the spec's table version, in the canonical layout, cached (see CACHE)
    Dataset<Row> data = TrainingData.read(spark, lake, spec);
    // the grid points of a fold fitted in the driver share one native matrix of its rows
    TrainingMatrices matrices = TrainingMatrices.shared();
    try {
      Row range = UncompressedCache.persist(data, CACHE, () -> data.agg(count(lit(1)), min(col(TS)), max(col(TS))).first());
      long rows = range.getLong(0);
      if (rows == 0) {
        throw new TrainingException("no trainable rows in gold.features_volatility (Delta version " + spec.tableVersion()
            + ") as of " + spec.asOf().label() + "; run features first");
      }
      LocalDate first = range.getTimestamp(1).toInstant().atZone(ZoneOffset.UTC).toLocalDate();
      LocalDate last = range.getTimestamp(2).toInstant().atZone(ZoneOffset.UTC).toLocalDate();

      // 2. walk-forward CV of every candidate
      List<Fold> folds;
      try {
        folds = WalkForwardSplits.folds(first, last, spec.cv().folds(), spec.cv().minTrainFraction(), spec.cv().purgeDays());
      } catch (IllegalArgumentException e) {
        throw new TrainingException(e.getMessage() + "; lower tasks.volatility.cv.folds or add data");
      }
      List<Candidate> candidates = Candidates.all(spec, workers.threadsPerWorker(), matrices);
      CvResult cv = WalkForwardCv.run(data, candidates, folds, spec.qlikeFloor(), FIT_THREADS);

      // 3. refit the winner on every trainable row
      String best = cv.best(spec.selectionMetric());
      Candidate winner = candidates.stream().filter(c -> c.name().equals(best)).findFirst().orElseThrow();
      PipelineModel model;
      try {
        model = winner.fit(data);
      } catch (RuntimeException e) {
        cv.release();
        throw e;
      }
      return new VolatilityTraining(spec, data, rows, folds, candidates, cv, winner, model);
    } catch (RuntimeException e) {
      data.unpersist();
      throw e;
    } finally {
      matrices.close(); // frees the last matrix once its fits are done (the refit is the last)
    }
  }

  @Override
  public void close() {
    if (cv != null) {
      cv.release();
    }
    data.unpersist();
  }
}
