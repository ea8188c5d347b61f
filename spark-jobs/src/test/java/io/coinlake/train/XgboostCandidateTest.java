package io.coinlake.train;

import static io.coinlake.lake.Columns.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.apache.spark.sql.functions.col;

import io.coinlake.config.CvConfig;
import io.coinlake.config.GbtGrid;
import io.coinlake.config.LogicalWindow;
import io.coinlake.features.VolatilityFeatures;
import io.coinlake.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.scala.spark.XGBoostRegressionModel;
import ml.dmlc.xgboost4j.scala.spark.XGBoostRegressor;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.regression.GBTRegressor;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The XGBoost GBT candidate: it learns a signal persistence cannot see, loses to persistence where
 * persistence is the right model and the other features are noise, saves and loads as a Spark ML
 * PipelineModel with the same predictions, and fits the same model from the same rows laid out
 * differently; each both fitted in the driver and by XGBoost4J-Spark's workers.
 */
class XgboostCandidateTest {
  private static final List<String> FEATURES = VolatilityFeatures.featureColumns();
  private static final double FLOOR = 1e-4;
  static SparkSession spark;

  @TempDir
  Path dir;

  @BeforeAll
  static void session() {
    spark = SparkTestSession.get();
  }

  /** The XGBoost candidate, fitted in the driver or by XGBoost4J-Spark's workers ({@code fit}). */
  private static Candidate xgboost(int trees, int depth, String fit) {
    return Candidates.gbt(FEATURES, new GbtSettings(GbtGrid.XGBOOST, trees, depth, 0.1, 0.8, 42L, 2, 1, fit));
  }

  /**
   * Rows with every feature uniform in [0, 1) except rv_last_h (uniform in [0.01, 0.10)); the label
   * comes from {@code signal}: true = a function of rsi_14 and volume_z_30 that rv_last_h knows nothing
   * about (5% noise); false = rv_last_h times 25% log-normal noise, so persistence is the right model.
   */
  private static Dataset<Row> rows(boolean signal, int n, long seed) {
    Random random = new Random(seed);
    int rsi = FEATURES.indexOf(RSI_14);
    int volumeZ = FEATURES.indexOf(VOLUME_Z_30);
    int lastH = FEATURES.indexOf(RV_LAST_H);
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Object[] values = new Object[FEATURES.size() + 5];
      values[0] = "S" + (i % 5);
      values[1] = FeatureRows.ts(i / 5);
      double[] f = new double[FEATURES.size()];
      for (int j = 0; j < f.length; j++) {
        f[j] = random.nextDouble();
        values[2 + j] = f[j];
      }
      f[lastH] = 0.01 + 0.09 * f[lastH];
      values[2 + lastH] = f[lastH];
      double label = signal
          ? 0.02 * Math.exp(2.0 * f[rsi] + 1.0 * f[volumeZ] * f[volumeZ] + 0.05 * random.nextGaussian())
          : f[lastH] * Math.exp(0.25 * random.nextGaussian());
      values[2 + FEATURES.size()] = label;
      values[3 + FEATURES.size()] = FeatureRows.ts(i / 5 + 7);
      values[4 + FEATURES.size()] = true;
      out.add(RowFactory.create(values));
    }
    return spark.createDataFrame(out, FeatureRows.schema());
  }

  private static double[] column(List<Row> rows, int index) {
    return rows.stream().mapToDouble(r -> r.getDouble(index)).toArray();
  }

  /** QLIKE of a fitted candidate on the rows, computed in plain Java. */
  private static double qlike(PipelineModel model, Dataset<Row> test) {
    List<Row> rows = model.transform(test).orderBy(SYMBOL, TS).select(col(LABEL), col(PREDICTION)).collectAsList();
    return Metrics.compute(column(rows, 0), column(rows, 1), FLOOR)[0];
  }

  @ParameterizedTest
  @ValueSource(strings = {"driver", "spark"})
  void onALearnableSignalXgboostBeatsPersistence(String fit) {
    Dataset<Row> train = TrainingData.canonical(rows(true, 1500, 1L), 2);
    Dataset<Row> test = rows(true, 1000, 2L);
    double xgb = qlike(xgboost(40, 3, fit).fit(train), test);
    double persistence = qlike(Candidates.persistence().fit(train), test);
    // measured: xgboost 0.0088, persistence 10.5
    assertTrue(xgb < 0.01 * persistence, "xgboost " + xgb + " vs persistence " + persistence);
    assertTrue(xgb < 0.02, "the signal is learnt: qlike " + xgb);
  }

  @ParameterizedTest
  @ValueSource(strings = {"driver", "spark"})
  void onNoiseAroundPersistenceXgboostLosesToIt(String fit) {
    Dataset<Row> train = TrainingData.canonical(rows(false, 150, 3L), 2);
    Dataset<Row> test = rows(false, 1000, 4L);
    double xgb = qlike(xgboost(40, 5, fit).fit(train), test);
    double persistence = qlike(Candidates.persistence().fit(train), test);
    // measured: xgboost 0.204 (it fits the 12 noise features too), persistence 0.131
    assertTrue(xgb > 1.3 * persistence, "xgboost " + xgb + " should lose to persistence " + persistence);
    assertEquals(0.125, persistence, 0.02, "qlike of 25% log-normal noise in volatility (50% in variance)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"driver", "spark"})
  void theSavedPipelineModelLoadsBackWithIdenticalPredictions(String fit) throws Exception {
    Dataset<Row> train = TrainingData.canonical(rows(true, 600, 5L), 2);
    Dataset<Row> probe = rows(true, 200, 6L);
    Candidate candidate = xgboost(20, 3, fit);
    PipelineModel model = candidate.fit(train);
    String path = dir.resolve("model").toString();
    model.write().overwrite().save(path);
    PipelineModel loaded = PipelineModel.load(path);

    assertInstanceOf(XGBoostRegressionModel.class, loaded.stages()[1]);
    List<Row> before = model.transform(probe).orderBy(SYMBOL, TS).select(SYMBOL, TS, PREDICTION).collectAsList();
    List<Row> after = loaded.transform(probe).orderBy(SYMBOL, TS).select(SYMBOL, TS, PREDICTION).collectAsList();
    assertEquals(200, before.size());
    assertEquals(before, after, "identical predictions from the reloaded model");
    assertTrue(before.stream().allMatch(r -> r.getDouble(2) > 0), "exp() back: positive forecasts");

    @SuppressWarnings("unchecked")
    Map<String, Double> importances = (Map<String, Double>) TrainRunLogger.importances(candidate, loaded).get("feature_importances");
    assertEquals(FEATURES, List.copyOf(importances.keySet()));
    assertEquals(1.0, importances.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
    double top = importances.get(RSI_14) + importances.get(VOLUME_Z_30);
    assertTrue(top > 0.9, "the two features the label depends on carry the gain: " + importances);
  }

  @ParameterizedTest
  @ValueSource(strings = {"driver", "spark"})
  void theSameRowsInAnotherLayoutFitTheSameModel(String fit) {
    Dataset<Row> rows = rows(true, 800, 7L);
    Dataset<Row> probe = rows(true, 100, 8L);
    Candidate candidate = xgboost(15, 4, fit);
    List<Row> a = candidate.fit(TrainingData.canonical(rows.repartition(1), 2)).transform(probe).orderBy(SYMBOL, TS)
        .select(PREDICTION).collectAsList();
    spark.conf().set("spark.sql.shuffle.partitions", "5");
    try {
      List<Row> b = candidate.fit(TrainingData.canonical(rows.orderBy(col(LABEL).desc()).repartition(3), 2)).transform(probe)
          .orderBy(SYMBOL, TS).select(PREDICTION).collectAsList();
      assertEquals(100, a.size());
      assertEquals(a, b, "bit-identical predictions");
    } finally {
      spark.conf().set("spark.sql.shuffle.partitions", "2");
    }
  }

  @Test
  void theEngineDecidesTheRegressorAndXgboostRunsOneWorkerPerTrainingPartition() {
    TrainingSpec xgb = new TrainingSpec(LogicalWindow.all(), 0, 7, new CvConfig(2, 7, 0.5),
        new GbtGrid(GbtGrid.XGBOOST, List.of(30), List.of(4), List.of(0.05), 0.7, 9L), "qlike", FLOOR, FEATURES, 2);
    Candidate gbt = Candidates.all(xgb, 1).get(2);
    XGBoostRegressor regressor = (XGBoostRegressor) gbt.pipeline().getStages()[1];
    assertEquals(List.of(30, 4, 0.05, 0.7, 9L, 2, 1, "hist"), List.of(regressor.getNumRound(), regressor.getMaxDepth(),
        regressor.getEta(), regressor.getSubsample(), regressor.getSeed(), regressor.getNumWorkers(), regressor.getNthread(),
        regressor.getTreeMethod()));
    assertEquals("xgboost", gbt.params().get("engine"));
    assertEquals("2", gbt.params().get("numWorkers"));
    assertEquals("gbt_it30_d4_lr0.05", gbt.name());
    assertEquals("spark", gbt.params().get("xgboostFit"));

    TrainingSpec driver = new TrainingSpec(LogicalWindow.all(), 0, 7, xgb.cv(),
        new GbtGrid(GbtGrid.XGBOOST, List.of(30), List.of(4), List.of(0.05), 0.7, 9L, GbtGrid.FIT_DRIVER), "qlike", FLOOR, FEATURES, 2);
    Candidate inDriver = Candidates.all(driver, 1).get(2);
    assertInstanceOf(DriverXgboostRegressor.class, inDriver.pipeline().getStages()[1]);
    assertEquals(List.of("driver", "1", "2"), List.of(inDriver.params().get("xgboostFit"), inDriver.params().get("numWorkers"),
        inDriver.params().get("nthread")), "one booster with a thread per worker slot");

    TrainingSpec mllib = new TrainingSpec(LogicalWindow.all(), 0, 7, xgb.cv(),
        new GbtGrid(GbtGrid.MLLIB, List.of(30), List.of(4), List.of(0.05), 0.7, 9L), "qlike", FLOOR, FEATURES, 8);
    Candidate mllibGbt = Candidates.all(mllib, 1).get(2);
    GBTRegressor gbtRegressor = (GBTRegressor) mllibGbt.pipeline().getStages()[1];
    assertEquals(List.of(30, 4, 0.05, 0.7, 9L), List.of(gbtRegressor.getMaxIter(), gbtRegressor.getMaxDepth(),
        gbtRegressor.getStepSize(), gbtRegressor.getSubsamplingRate(), gbtRegressor.getSeed()));
    assertEquals("mllib", mllibGbt.params().get("engine"));
    assertFalse(mllibGbt.params().containsKey("numWorkers"));
    assertEquals("gbt_it30_d4_lr0.05", mllibGbt.name(), "the same name for both engines");
  }

  @Test
  void aFitInTheDriverRefusesAMissingFeatureNamingIt() {
    Dataset<Row> rows = rows(true, 50, 9L).withColumn(RSI_14, org.apache.spark.sql.functions.when(col(TS).equalTo(FeatureRows.ts(3)),
        org.apache.spark.sql.functions.lit(null).cast("double")).otherwise(col(RSI_14)));
    TrainingException e = assertThrows(TrainingException.class, () -> xgboost(5, 2, GbtGrid.FIT_DRIVER).fit(rows));
    assertTrue(e.getMessage().contains("XGBoost cannot train on a null feature rsi_14"), e.getMessage());
  }
}
