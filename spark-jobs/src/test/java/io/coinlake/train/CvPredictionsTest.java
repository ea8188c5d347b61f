package io.coinlake.train;

import static io.coinlake.lake.Columns.*;
import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.config.GbtGrid;
import io.coinlake.features.VolatilityFeatures;
import io.coinlake.testing.SparkTestSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * CV's predictions are the fitted pipeline's own: for XGBoost (fitted either way, zeros as missing,
 * rows in batches smaller than a partition) bit for bit what model.transform gives, and for the
 * baselines their transform.
 */
class CvPredictionsTest {
  static SparkSession spark;
  static Dataset<Row> train;
  static Dataset<Row> valid;

  @BeforeAll
  static void data() {
    spark = SparkTestSession.get();
    List<Row> rows = withZeros(FeatureRows.rows(List.of("A", "B", "C", "D"), 150, 9L), 21L);
    train = TrainingData.canonical(FeatureRows.frame(spark, rows.subList(0, 400), 2), 2).cache();
    valid = FeatureRows.frame(spark, rows.subList(400, rows.size()), 3);
  }

  /** Some features set to exactly 0.0, which XGBoost reads as missing. */
  private static List<Row> withZeros(List<Row> rows, long seed) {
    Random random = new Random(seed);
    int width = VolatilityFeatures.featureColumns().size();
    List<Row> out = new ArrayList<>();
    for (Row r : rows) {
      Object[] values = new Object[r.size()];
      for (int i = 0; i < r.size(); i++) {
        values[i] = r.get(i);
      }
      for (int i = 0; i < width; i++) {
        if (random.nextDouble() < 0.1) {
          values[2 + i] = 0.0;
        }
      }
      out.add(RowFactory.create(values));
    }
    return out;
  }

  private static List<Row> sorted(Dataset<Row> predictions) {
    return predictions.select(SYMBOL, TS, LABEL, PREDICTION).orderBy(SYMBOL, TS).collectAsList();
  }

  @ParameterizedTest
  @ValueSource(strings = {GbtGrid.FIT_DRIVER, GbtGrid.FIT_SPARK})
  void xgboostPredictionsAreTheModelsOwn(String fit) {
    Candidate gbt = Candidates.gbt(VolatilityFeatures.featureColumns(), new GbtSettings(GbtGrid.XGBOOST, 20, 4, 0.3, 0.8, 42L, 2, 1, fit));
    PipelineModel model = gbt.fit(train);
    List<Row> ours = sorted(CvPredictions.of(model, valid));
    List<Row> theirs = sorted(model.transform(valid));
    assertEquals(200, ours.size());
    assertEquals(theirs, ours);
    assertTrue(ours.stream().map(r -> r.getDouble(3)).distinct().count() > 10, "the model predicts more than a constant");
  }

  @Test
  void batchesSmallerThanAPartitionGiveTheSameRows() {
    // the valid rows sit in 3 partitions of about 67 rows; the batch is 65,536 rows, so check a
    // partition with more rows than a batch by predicting 70,000 copies of the rows in one partition
    Candidate gbt = Candidates.gbt(VolatilityFeatures.featureColumns(),
        new GbtSettings(GbtGrid.XGBOOST, 10, 3, 0.3, 0.8, 42L, 2, 1, GbtGrid.FIT_DRIVER));
    PipelineModel model = gbt.fit(train);
    Dataset<Row> many = valid.crossJoin(spark.range(350).withColumnRenamed("id", "copy")).coalesce(1);
    assertTrue(many.count() > CvPredictions.BATCH_ROWS);
    List<Row> ours = CvPredictions.of(model, many).groupBy(SYMBOL, TS).agg(org.apache.spark.sql.functions.min(PREDICTION),
        org.apache.spark.sql.functions.max(PREDICTION), org.apache.spark.sql.functions.count(PREDICTION)).orderBy(SYMBOL, TS).collectAsList();
    List<Row> theirs = sorted(model.transform(valid));
    assertEquals(theirs.size(), ours.size());
    for (int i = 0; i < ours.size(); i++) {
      assertEquals(theirs.get(i).getDouble(3), ours.get(i).getDouble(2), 0.0);
      assertEquals(theirs.get(i).getDouble(3), ours.get(i).getDouble(3), 0.0);
      assertEquals(350L, ours.get(i).getLong(4));
    }
  }

  @Test
  void predictionsOutliveTheFittedModel() throws Exception {
    // CV keeps the lazy predictions, not the model; XGBoost's booster wrappers free the native
    // booster when they are collected, so the predictions must keep the booster reachable
    Candidate gbt = Candidates.gbt(VolatilityFeatures.featureColumns(),
        new GbtSettings(GbtGrid.XGBOOST, 10, 3, 0.3, 0.8, 42L, 2, 1, GbtGrid.FIT_DRIVER));
    PipelineModel model = gbt.fit(train);
    List<Row> expected = sorted(model.transform(valid));
    Dataset<Row> predictions = CvPredictions.of(model, valid);
    java.lang.ref.WeakReference<PipelineModel> collected = new java.lang.ref.WeakReference<>(model);
    model = null;
    for (int i = 0; i < 20 && collected.get() != null; i++) {
      System.gc();
      Thread.sleep(50);
    }
    assertNull(collected.get(), "the model was collected");
    for (int i = 0; i < 5; i++) {
      System.gc();
      System.runFinalization();
    }
    assertEquals(expected, sorted(predictions));
  }

  @Test
  void baselinesAreTheirTransform() {
    PipelineModel har = Candidates.harLinear(1e-4).fit(train);
    assertEquals(sorted(har.transform(valid)), sorted(CvPredictions.of(har, valid)));
  }
}
