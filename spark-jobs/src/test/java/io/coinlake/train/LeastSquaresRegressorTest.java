package io.coinlake.train;

import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-aggregation least squares gives MLlib's LinearRegression (normal solver) coefficients,
 * on correlated, volatility-sized inputs, and on collinear inputs through the fallback; it refuses
 * a null; its model scores, saves and loads as MLlib's own.
 */
class LeastSquaresRegressorTest {
  private static final List<String> INPUTS = List.of("a", "b", "c");
  static SparkSession spark;

  @TempDir
  Path dir;

  @BeforeAll
  static void session() {
    spark = SparkTestSession.get();
  }

  private static LinearRegression mllib() {
    return new LinearRegression().setFeaturesCol("v").setLabelCol("y").setPredictionCol("p").setRegParam(0.0)
        .setElasticNetParam(0.0).setSolver("normal");
  }

  /** y = 0.002 + 0.5 a + 0.3 b - 0.2 c + noise, inputs around 0.03 like daily volatilities; c = b + small noise when collinear. */
  private static Dataset<Row> rows(int n, long seed, boolean collinear, boolean withNull) {
    Random random = new Random(seed);
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double a = 0.03 + 0.02 * random.nextGaussian();
      double b = 0.7 * a + 0.01 * random.nextGaussian() + 0.01;
      double c = collinear ? 2 * b : 0.4 * a + 0.4 * b + 0.01 * random.nextGaussian();
      double y = 0.002 + 0.5 * a + 0.3 * b - 0.2 * c + 0.005 * random.nextGaussian();
      out.add(RowFactory.create(withNull && i == n / 2 ? null : a, b, c, y));
    }
    StructType schema = new StructType().add("a", DataTypes.DoubleType).add("b", DataTypes.DoubleType)
        .add("c", DataTypes.DoubleType).add("y", DataTypes.DoubleType);
    return spark.createDataFrame(out, schema).repartition(3);
  }

  private static LinearRegressionModel mllibFit(Dataset<Row> rows) {
    var assembled = new VectorAssembler().setInputCols(INPUTS.toArray(String[]::new)).setOutputCol("v").transform(rows);
    return mllib().fit(assembled);
  }

  private static void assertClose(double expected, double actual, double relative) {
    assertEquals(expected, actual, relative * Math.max(1e-12, Math.abs(expected)), () -> "expected " + expected + ", got " + actual);
  }

  @Test
  void givesMllibsNormalSolverCoefficients() {
    Dataset<Row> rows = rows(5_000, 7, false, false);
    LinearRegressionModel ours = new LeastSquaresRegressor(mllib(), INPUTS).fit(rows);
    LinearRegressionModel theirs = mllibFit(rows);
    for (int i = 0; i < INPUTS.size(); i++) {
      assertClose(theirs.coefficients().apply(i), ours.coefficients().apply(i), 1e-9);
    }
    assertClose(theirs.intercept(), ours.intercept(), 1e-9);
    // and the truth, roughly: the fit is not merely equal to MLlib but right
    assertEquals(0.5, ours.coefficients().apply(0), 0.05);
    assertEquals(-0.2, ours.coefficients().apply(2), 0.05);
    assertEquals("p", ours.getPredictionCol());
    assertEquals("v", ours.getFeaturesCol());
  }

  @Test
  void collinearInputsFallBackToMllib() {
    Dataset<Row> rows = rows(2_000, 11, true, false);
    LinearRegressionModel ours = new LeastSquaresRegressor(mllib(), INPUTS).fit(rows);
    LinearRegressionModel theirs = mllibFit(rows);
    assertArrayEquals(theirs.coefficients().toArray(), ours.coefficients().toArray(), 1e-12);
    assertEquals(theirs.intercept(), ours.intercept(), 1e-12);
  }

  @Test
  void refusesANullInput() {
    TrainingException e = assertThrows(TrainingException.class,
        () -> new LeastSquaresRegressor(mllib(), INPUTS).fit(rows(100, 3, false, true)));
    assertTrue(e.getMessage().contains("1 rows with a null"), e.getMessage());
  }

  @Test
  void refusesRegularization() {
    assertThrows(IllegalArgumentException.class, () -> new LeastSquaresRegressor(mllib().setRegParam(0.1), INPUTS));
  }

  @Test
  void itsPipelineScoresSavesAndLoadsLikeMllibs() throws Exception {
    Dataset<Row> rows = rows(1_000, 5, false, false);
    var assembler = new VectorAssembler().setInputCols(INPUTS.toArray(String[]::new)).setOutputCol("v");
    Candidate candidate = new Candidate("ols", "baseline", true, java.util.Map.of(), INPUTS, false,
        new Pipeline().setStages(new PipelineStage[] {assembler, new LeastSquaresRegressor(mllib(), INPUTS)}));
    PipelineModel model = candidate.fit(rows.withColumn(io.coinlake.lake.Columns.LABEL, org.apache.spark.sql.functions.col("y")));
    String path = dir.resolve("model").toString();
    model.write().save(path);
    PipelineModel loaded = PipelineModel.load(path);
    assertInstanceOf(LinearRegressionModel.class, loaded.stages()[1]);
    List<Row> scored = model.transform(rows).select("a", "b", "c", "p").orderBy("a").collectAsList();
    assertEquals(scored, loaded.transform(rows).select("a", "b", "c", "p").orderBy("a").collectAsList());
    LinearRegressionModel fitted = (LinearRegressionModel) model.stages()[1];
    Row first = scored.get(0);
    double expected = fitted.intercept();
    for (int i = 0; i < INPUTS.size(); i++) {
      expected += fitted.coefficients().apply(i) * first.getDouble(i);
    }
    assertEquals(expected, first.getDouble(3), 1e-15);
  }
}
