package io.coinlake.score;

import static io.coinlake.lake.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.LogicalWindow;
import io.coinlake.features.VolatilityFeatures;
import io.coinlake.lake.DeltaWrites;
import io.coinlake.lake.Lake;
import io.coinlake.lake.LakeTable;
import io.coinlake.tracking.ModelPromotion;
import io.coinlake.tracking.ModelVersion;
import io.coinlake.tracking.Tracking;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * Score: the registered "champion" scores the newest ts (up to the logical date) of every symbol
 * with complete features -> gold.predictions, merged on (symbol, ts, horizon, model_name) so a
 * re-run rewrites rather than duplicates.
 */
public final class ScoreVolatilityJob {
  public static final String CHAMPION = ModelPromotion.CHAMPION;

  private ScoreVolatilityJob() {}

  public static ScoreResult run(SparkSession spark, CoinlakeConfig config, LogicalWindow window) {
    var task = config.tasks().volatility();
    Lake lake = new Lake(config.lake().root());

    // 1. the champion from the registry
    Tracking tracking = Tracking.open(config);
    ModelVersion champion = tracking.registry().getByAlias(task.registeredModel(), CHAMPION)
        .orElseThrow(() -> new ScoringException("registered model '" + task.registeredModel()
            + "' has no 'champion' alias in " + Tracking.effectiveUri(config.mlflow(), System.getenv()) + "; run ./coinlake train first"));
    PipelineModel model = PipelineModel.load(ChampionModel.loadPath(spark, lake, tracking.runs(), champion));

    // 2. the newest complete feature row per symbol
    Dataset<Row> latest = newestPerSymbol(lake.read(spark, LakeTable.GOLD_FEATURES_VOLATILITY)
        .where(window.upToEnd().sqlCondition(TS)));

    // 3. predict and merge
    Dataset<Row> predictions = model.transform(latest).select(
        col(SYMBOL), col(TS), lit(task.horizon()).as(HORIZON), col(PREDICTION),
        lit(task.registeredModel()).as(MODEL_NAME), lit(champion.version()).as(MODEL_VERSION),
        lit(champion.runId()).as(RUN_ID), lit(Timestamp.from(Instant.now())).as(SCORED_AT)).cache();
    DeltaWrites.merge(spark, lake, LakeTable.GOLD_PREDICTIONS, predictions, List.of(SCORED_AT), null);
    Row summary = predictions.agg(count(lit(1)), max(col(TS)).cast("string")).first();
    predictions.unpersist();
    return new ScoreResult(task.registeredModel(), champion.version(), champion.runId(), summary.getLong(0), summary.getString(1));
  }

  /** Keeps, per symbol, the newest row whose model inputs are all present. Pure. */
  static Dataset<Row> newestPerSymbol(Dataset<Row> features) {
    Column complete = VolatilityFeatures.featureColumns().stream().map(c -> col(c).isNotNull()).reduce(Column::and).orElseThrow();
    var newestFirst = Window.partitionBy(col(SYMBOL)).orderBy(col(TS).desc());
    return features.filter(complete).withColumn("_rank", row_number().over(newestFirst)).filter(col("_rank").equalTo(1)).drop("_rank");
  }
}
