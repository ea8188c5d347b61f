package io.coinlake.train;

import static io.coinlake.lake.Columns.*;
import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Fits every candidate on every fold's training rows and predicts its validation rows. Fits run
 * concurrently (Spark schedules their jobs side by side), since one small fit leaves cores idle.
 */
public final class WalkForwardCv {
  private WalkForwardCv() {}

  public static CvResult run(Dataset<Row> data, List<Candidate> candidates, List<Fold> folds, double floor, int parallelism) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism));
    try {
      List<Future<Dataset<Row>>> futures = new ArrayList<>();
      for (Candidate candidate : candidates) {
        for (Fold fold : folds) {
          futures.add(pool.submit(() -> predictFold(data, candidate, fold)));
        }
      }
      Dataset<Row> outOfFold = null;
      for (Future<Dataset<Row>> future : futures) {
        Dataset<Row> part = future.get();
        outOfFold = outOfFold == null ? part : outOfFold.unionByName(part);
      }
      outOfFold = outOfFold.persist(StorageLevel.MEMORY_AND_DISK());
      return summarize(outOfFold, floor);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during cross-validation", e);
    } finally {
      pool.shutdown();
    }
  }

  private static Dataset<Row> predictFold(Dataset<Row> data, Candidate candidate, Fold fold) {
    Dataset<Row> train = data.filter(WalkForwardSplits.trainCondition(fold));
    Dataset<Row> valid = data.filter(WalkForwardSplits.validCondition(fold));
    PipelineModel model = candidate.fit(train);
    return model.transform(valid).select(col(SYMBOL), col(TS), lit(fold.index()).as(FOLD), lit(candidate.name()).as(MODEL),
        col(LABEL).as(Y_TRUE), col(PREDICTION).as(Y_PRED));
  }

  /** Metrics per (model, fold) in one aggregation, and the mean over folds per model. */
  static CvResult summarize(Dataset<Row> outOfFold, double floor) {
    List<Row> rows = outOfFold.groupBy(col(MODEL), col(FOLD)).agg(count(lit(1)).as("n"), Metrics.aggregations(floor))
        .orderBy(col(MODEL), col(FOLD)).collectAsList();
    Map<String, List<FoldMetrics>> perFold = new TreeMap<>();
    for (Row r : rows) {
      perFold.computeIfAbsent(r.getString(0), m -> new ArrayList<>()).add(new FoldMetrics(r.getString(0), r.getInt(1), r.getLong(2),
          r.getDouble(r.fieldIndex(Metrics.QLIKE)), r.getDouble(r.fieldIndex(Metrics.RMSE)),
          r.getDouble(r.fieldIndex(Metrics.MAE)), r.getDouble(r.fieldIndex(Metrics.R2))));
    }
    Map<String, FoldMetrics> means = new LinkedHashMap<>();
    perFold.forEach((model, list) -> means.put(model, new FoldMetrics(model, -1, list.stream().mapToLong(FoldMetrics::rows).sum(),
        list.stream().mapToDouble(FoldMetrics::qlike).average().orElse(Double.NaN),
        list.stream().mapToDouble(FoldMetrics::rmse).average().orElse(Double.NaN),
        list.stream().mapToDouble(FoldMetrics::mae).average().orElse(Double.NaN),
        list.stream().mapToDouble(FoldMetrics::r2).average().orElse(Double.NaN))));
    return new CvResult(outOfFold, perFold, means);
  }
}
