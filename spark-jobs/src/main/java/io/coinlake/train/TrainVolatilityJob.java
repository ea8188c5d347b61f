package io.coinlake.train;

import static io.coinlake.lake.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.LogicalWindow;
import io.coinlake.lake.DeltaWrites;
import io.coinlake.lake.Lake;
import io.coinlake.lake.LakeTable;
import io.coinlake.tracking.Tracking;
import org.apache.spark.sql.SparkSession;

/**
 * Train: gold.features_volatility (read at its newest Delta version, pinned) -> walk-forward CV of
 * GBT against the HAR and persistence baselines -> gold.backtest (out-of-fold predictions) -> refit
 * of the winner on all rows -> MLflow run (with everything needed to reproduce it, see {@link
 * TrainingSpec}) + a new registered version; "champion" moves only when the new version is better.
 */
public final class TrainVolatilityJob {
  private TrainVolatilityJob() {}

  public static TrainResult run(SparkSession spark, CoinlakeConfig config, LogicalWindow window) {
    Lake lake = new Lake(config.lake().root());

    // 1. pin the training table's version: a writer committing meanwhile does not change what is read
    long version = lake.version(spark, LakeTable.GOLD_FEATURES_VOLATILITY);
    TrainingSpec spec = TrainingSpec.of(config.tasks().volatility(), window, version,
        XgboostWorkers.available(spark.sparkContext()).slots(), spark.sparkContext().isLocal());

    // 2. CV of every candidate and refit of the winner
    try (VolatilityTraining training = VolatilityTraining.fit(spark, lake, spec)) {
      // 3. out-of-fold predictions to gold.backtest; the folds' cached partitions merged (no shuffle)
      // into spark.shufflePartitions files, not one small file per fold and partition
      String asOf = spec.asOf().label();
      DeltaWrites.overwrite(lake, LakeTable.GOLD_BACKTEST,
          training.cv().outOfFold().coalesce(config.spark().shufflePartitions())
              .withColumn(AS_OF, lit(asOf)).withColumn(HORIZON, lit(spec.horizon())),
          AS_OF + " = '" + asOf + "'");

      // 4. log to MLflow and register
      Tracking tracking = Tracking.open(config);
      return new TrainRunLogger(spark, tracking, config, lake).log(training);
    }
  }
}
