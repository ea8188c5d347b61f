package io.coinlake.train;

import static io.coinlake.lake.Columns.*;

import io.coinlake.config.GbtGrid;
import io.coinlake.features.VolatilityFeatures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.LinearRegression;

/**
 * The volatility candidates: a persistence baseline (RV over the last h days), a HAR-RV linear
 * regression on the daily/weekly/monthly components, and GBT over the configured grid, fitted by
 * the configured engine (XGBoost or MLlib, see {@link GbtSettings}). GBT learns ln(label) and maps
 * back with exp, so its forecasts are positive by construction; the linear baseline is floored at
 * the QLIKE floor. Everything but the threads per XGBoost worker comes from a {@link TrainingSpec},
 * so a reproduction builds the same candidates from a run's recorded params.
 */
public final class Candidates {
  public static final String PERSISTENCE = "persistence";
  public static final String HAR_LINEAR = "har_linear";
  static final String FEATURES_VECTOR = "features";
  /** ln(label): added to the training rows of a log-target candidate by {@link Candidate#fit}. */
  static final String LOG_LABEL = "log_label";
  static final String LOG_PREDICTION = "log_prediction";
  static final String RAW_PREDICTION = "raw_prediction";

  private Candidates() {}

  /**
   * Every candidate of the spec. XGBoost runs one worker per training partition of the spec, each
   * with {@code xgboostThreads} threads (at most spark.task.cpus, see {@link XgboostWorkers}).
   */
  public static List<Candidate> all(TrainingSpec spec, int xgboostThreads) {
    return all(spec, xgboostThreads, TrainingMatrices.unshared());
  }

  /** The same, whose XGBoost fits in the driver share their native matrices through {@code matrices}. */
  static List<Candidate> all(TrainingSpec spec, int xgboostThreads, TrainingMatrices matrices) {
    List<Candidate> out = new ArrayList<>();
    out.add(persistence());
    out.add(harLinear(spec.qlikeFloor()));
    GbtGrid grid = spec.gbt();
    for (int maxIter : grid.maxIter()) {
      for (int maxDepth : grid.maxDepth()) {
        for (double stepSize : grid.stepSize()) {
          out.add(gbt(spec.features(), new GbtSettings(grid.engine(), maxIter, maxDepth, stepSize, grid.subsamplingRate(),
              grid.seed(), spec.trainingPartitions(), xgboostThreads, grid.xgboostFit()), matrices));
        }
      }
    }
    return out;
  }

  static Candidate persistence() {
    var predict = new SQLTransformer().setStatement("SELECT *, " + RV_LAST_H + " AS " + PREDICTION + " FROM __THIS__");
    return new Candidate(PERSISTENCE, "baseline", true, Map.of("input", RV_LAST_H), List.of(RV_LAST_H), false,
        new Pipeline().setStages(new PipelineStage[] {predict}));
  }

  static Candidate harLinear(double floor) {
    var assembler = new VectorAssembler().setInputCols(VolatilityFeatures.harColumns().toArray(String[]::new)).setOutputCol(FEATURES_VECTOR);
    var solver = new LinearRegression().setFeaturesCol(assembler.getOutputCol()).setLabelCol(LABEL)
        .setPredictionCol(RAW_PREDICTION).setRegParam(0.0).setElasticNetParam(0.0).setSolver("normal");
    var regression = new LeastSquaresRegressor(solver, VolatilityFeatures.harColumns());
    var floorIt = new SQLTransformer().setStatement(
        "SELECT *, greatest(" + solver.getPredictionCol() + ", " + floor + ") AS " + PREDICTION + " FROM __THIS__");
    Map<String, String> params = new LinkedHashMap<>();
    params.put("inputs", String.join(",", VolatilityFeatures.harColumns()));
    params.put("floor", Double.toString(floor));
    return new Candidate(HAR_LINEAR, "baseline", true, params, VolatilityFeatures.harColumns(), false,
        new Pipeline().setStages(new PipelineStage[] {assembler, regression, floorIt}));
  }

  /** One GBT grid point; its name is the same for both engines, its params say which engine fitted it. */
  static Candidate gbt(List<String> features, GbtSettings settings) {
    return gbt(features, settings, TrainingMatrices.unshared());
  }

  static Candidate gbt(List<String> features, GbtSettings settings, TrainingMatrices matrices) {
    var assembler = new VectorAssembler().setInputCols(features.toArray(String[]::new)).setOutputCol(FEATURES_VECTOR);
    PipelineStage gbt = settings.regressor(features, assembler.getOutputCol(), LOG_LABEL, LOG_PREDICTION, matrices);
    var expBack = new SQLTransformer().setStatement("SELECT *, exp(" + LOG_PREDICTION + ") AS " + PREDICTION + " FROM __THIS__");
    Map<String, String> params = new LinkedHashMap<>(settings.params());
    params.put("target", "ln(label), exp() back");
    params.put("features", String.join(",", features));
    String name = "gbt_it" + settings.maxIter() + "_d" + settings.maxDepth() + "_lr" + settings.stepSize();
    return new Candidate(name, "gbt", false, params, features, true, new Pipeline().setStages(new PipelineStage[] {assembler, gbt, expBack}));
  }
}
