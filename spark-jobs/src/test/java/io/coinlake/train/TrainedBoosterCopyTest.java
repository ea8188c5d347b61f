package io.coinlake.train;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;

/** A driver fit keeps the trained trees in a new booster, without the training state, and predicts the same. */
class TrainedBoosterCopyTest {

  @Test
  void theCopyHoldsTheSameTreesAndPredictsTheSameToTheBit() throws Exception {
    int rows = 5_000;
    int width = 4;
    Random random = new Random(11);
    float[] features = new float[rows * width];
    float[] labels = new float[rows];
    for (int i = 0; i < features.length; i++) {
      features[i] = (float) random.nextGaussian();
    }
    for (int i = 0; i < rows; i++) {
      labels[i] = 2 * features[i * width] - features[i * width + 3] + (float) random.nextGaussian();
    }
    DMatrix matrix = new DMatrix(features, rows, width, 0f);
    try {
      matrix.setLabel(labels);
      Map<String, Object> params = new HashMap<>(Map.of("tree_method", "hist", "max_depth", 4, "eta", 0.2,
          "subsample", 0.8, "base_score", 0.3, "nthread", 1, "seed", 5));
      Booster trained = XGBoost.train(matrix, params, 25, new HashMap<>(), null, null);
      float[][] before = trained.predict(matrix);
      String[] trees = trained.getModelDump("", true);

      Booster copy = DriverXgboostRegressor.withoutTrainingState(trained);
      try {
        float[][] after = copy.predict(matrix);
        assertEquals(25, trees.length);
        assertArrayEquals(trees, copy.getModelDump("", true), "the same trees, split values and gains");
        assertEquals(rows, after.length);
        for (int i = 0; i < rows; i++) {
          assertEquals(Float.floatToIntBits(before[i][0]), Float.floatToIntBits(after[i][0]), "row " + i);
        }
        double spread = 0;
        for (float[] p : after) {
          spread = Math.max(spread, Math.abs(p[0] - after[0][0]));
        }
        assertTrue(spread > 1, "the trees learnt the signal, not a constant: spread " + spread);
      } finally {
        copy.dispose();
      }
    } finally {
      matrix.dispose();
    }
  }
}
