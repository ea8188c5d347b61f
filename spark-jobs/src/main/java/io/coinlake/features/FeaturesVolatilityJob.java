package io.coinlake.features;

import static io.coinlake.lake.Columns.*;
import static org.apache.spark.sql.functions.col;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.LogicalWindow;
import io.coinlake.lake.DeltaWrites;
import io.coinlake.lake.Lake;
import io.coinlake.lake.LakeTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Features: silver.ohlcv up to the logical date -> gold.features_volatility (features at t from
 * data up to t, the forward label, and the ts where its window ends, for CV purging).
 */
public final class FeaturesVolatilityJob {
  private FeaturesVolatilityJob() {}

  /** Rows written. */
  public static long run(SparkSession spark, CoinlakeConfig config, LogicalWindow window) {
    Lake lake = new Lake(config.lake().root());
    Dataset<Row> features = VolatilityFeatures.transform(input(spark, config, window), spec(config));
    DeltaWrites.overwrite(lake, LakeTable.GOLD_FEATURES_VOLATILITY, features, null);
    return lake.read(spark, LakeTable.GOLD_FEATURES_VOLATILITY).count();
  }

  /** The rows the features are built from: silver.ohlcv of the configured interval, up to the logical date. */
  public static Dataset<Row> input(SparkSession spark, CoinlakeConfig config, LogicalWindow window) {
    return new Lake(config.lake().root()).read(spark, LakeTable.SILVER_OHLCV)
        .where(col(INTERVAL).equalTo(config.ingest().ohlcv().interval()))
        .where(window.upToEnd().sqlCondition(TS));
  }

  /** The production windows with the task's label horizon. */
  public static FeatureSpec spec(CoinlakeConfig config) {
    return FeatureSpec.withHorizon(config.tasks().volatility().horizon());
  }
}
