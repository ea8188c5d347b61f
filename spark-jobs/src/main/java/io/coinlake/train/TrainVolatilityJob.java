package io.coinlake.train;

import static io.coinlake.lake.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.LogicalWindow;
import io.coinlake.config.VolatilityTaskConfig;
import io.coinlake.lake.DeltaWrites;
import io.coinlake.lake.Lake;
import io.coinlake.lake.LakeTable;
import io.coinlake.tracking.Tracking;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Train: gold.features_volatility -> walk-forward CV of GBT against the HAR and persistence
 * baselines -> gold.backtest (out-of-fold predictions) -> refit of the winner on all rows ->
 * MLflow run + a new registered version; "champion" moves only when the new version is better.
 */
public final class TrainVolatilityJob {
  private TrainVolatilityJob() {}

  public static TrainResult run(SparkSession spark, CoinlakeConfig config, LogicalWindow window) {
    VolatilityTaskConfig task = config.tasks().volatility();
    Lake lake = new Lake(config.lake().root());
    LogicalWindow asOf = window.upToEnd();

    // 1. rows whose label has fully matured by the logical date
    Dataset<Row> data = lake.read(spark, LakeTable.GOLD_FEATURES_VOLATILITY)
        .filter(col(TRAINABLE).and(col(LABEL).gt(0)).and(expr(asOf.sqlCondition(LABEL_END_TS))))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Row range = data.agg(count(lit(1)), min(col(TS)), max(col(TS))).first();
    long rows = range.getLong(0);
    if (rows == 0) {
      data.unpersist();
      throw new TrainingException("no trainable rows in gold.features_volatility as of " + asOf.label() + "; run features first");
    }
    LocalDate first = range.getTimestamp(1).toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate last = range.getTimestamp(2).toInstant().atZone(ZoneOffset.UTC).toLocalDate();

    // 2. walk-forward CV of every candidate, out-of-fold predictions to gold.backtest
    List<Fold> folds;
    try {
      folds = WalkForwardSplits.folds(first, last, task.cv().folds(), task.cv().minTrainFraction(), task.cv().purgeDays());
    } catch (IllegalArgumentException e) {
      data.unpersist();
      throw new TrainingException(e.getMessage() + "; lower tasks.volatility.cv.folds or add data");
    }
    List<Candidate> candidates = Candidates.all(task);
    CvResult cv = WalkForwardCv.run(data, candidates, folds, task.qlikeFloor(), spark.sparkContext().defaultParallelism());
    DeltaWrites.overwrite(lake, LakeTable.GOLD_BACKTEST,
        cv.outOfFold().withColumn(AS_OF, lit(asOf.label())).withColumn(HORIZON, lit(task.horizon())),
        AS_OF + " = '" + asOf.label() + "'");

    // 3. refit the winner on every trainable row
    String best = cv.best(task.selectionMetric());
    Candidate winner = candidates.stream().filter(c -> c.name().equals(best)).findFirst().orElseThrow();
    PipelineModel model = winner.pipeline().fit(data);

    // 4. log to MLflow and register
    Tracking tracking = Tracking.open(config);
    TrainRunLogger logger = new TrainRunLogger(spark, tracking, config, lake, asOf);
    TrainResult result = logger.log(candidates, folds, cv, winner, model, rows);
    cv.outOfFold().unpersist();
    data.unpersist();
    return result;
  }
}
