package io.coinlake.train;

import static io.coinlake.lake.Columns.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.apache.spark.sql.functions.col;

import io.coinlake.config.CvConfig;
import io.coinlake.config.GbtGrid;
import io.coinlake.config.LogicalWindow;
import io.coinlake.features.VolatilityFeatures;
import io.coinlake.testing.SparkTestSession;
import io.coinlake.tracking.ModelSignature;
import io.coinlake.tracking.ModelSignature.ColSpec;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A fitted candidate predicts from exactly the columns its MLmodel signature lists: no label, nothing else; with either GBT engine. */
class CandidateInputsTest {
  private static TrainingSpec spec(String engine) {
    return new TrainingSpec(LogicalWindow.all(), 0, 7, new CvConfig(2, 7, 0.5),
        new GbtGrid(engine, List.of(3), List.of(2), List.of(0.1), 1.0, 42L), "qlike", 1e-4, VolatilityFeatures.featureColumns(), 2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"xgboost", "mllib"})
  void everyFittedCandidatePredictsFromItsSignatureInputsAlone(String engine) {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> training = FeatureRows.frame(spark, FeatureRows.rows(List.of("AAA"), 120, 5L), 2);
    Dataset<Row> probe = FeatureRows.frame(spark, FeatureRows.rows(List.of("PRB"), 10, 6L), 1);
    List<Candidate> candidates = Candidates.all(spec(engine), 1);
    assertEquals(List.of("persistence", "har_linear", "gbt_it3_d2_lr0.1"), candidates.stream().map(Candidate::name).toList());
    assertEquals(List.of(RV_LAST_H), candidates.get(0).inputColumns());
    assertEquals(List.of(HAR_RV_D, HAR_RV_W, HAR_RV_M), candidates.get(1).inputColumns());
    assertEquals(VolatilityFeatures.featureColumns(), candidates.get(2).inputColumns());
    assertEquals(engine, candidates.get(2).params().get("engine"), "the candidate's params say which engine fits it");
    for (Candidate candidate : candidates) {
      PipelineModel model = candidate.fit(training);
      ModelSignature signature = TrainRunLogger.signature(candidate, model, training.schema());
      assertEquals(candidate.inputColumns(), signature.inputs().stream().map(ColSpec::name).toList(), candidate.name());
      assertTrue(signature.inputs().stream().allMatch(c -> c.type().equals("double") && c.required()), signature.toString());
      assertEquals(List.of(new ColSpec("double", PREDICTION, true)), signature.outputs());

      Column[] onlyInputs = signature.inputs().stream().map(c -> col(c.name())).toArray(Column[]::new);
      List<Row> predicted = model.transform(probe.select(onlyInputs)).select(PREDICTION).collectAsList();
      assertEquals(10, predicted.size(), candidate.name());
      for (Row p : predicted) {
        assertTrue(!p.isNullAt(0) && p.getDouble(0) > 0, candidate.name() + " predicts a positive volatility: " + p);
      }
    }
  }
}
