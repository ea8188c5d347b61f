package io.coinlake.train;

import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.config.CvConfig;
import io.coinlake.config.GbtGrid;
import io.coinlake.config.LogicalWindow;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingSpecTest {
  static final TrainingSpec SPEC = new TrainingSpec(LogicalWindow.asOf(LocalDate.parse("2021-07-06")), 12, 7,
      new CvConfig(4, 9, 0.55), new GbtGrid("xgboost", List.of(40, 80), List.of(3, 5), List.of(0.1, 0.05), 0.8, 42L), "qlike", 1.0e-4,
      List.of("log_return", "rv_7", "har_rv_d"), 8);

  @Test
  void paramsAreTheRecordAsStrings() {
    Map<String, String> expected = new HashMap<>();
    expected.put("as_of", "2021-07-06");
    expected.put("training_table_delta_version", "12");
    expected.put("horizon", "7");
    expected.put("cv_folds", "4");
    expected.put("cv_purge_days", "9");
    expected.put("cv_min_train_fraction", "0.55");
    expected.put("gbt_engine", "xgboost");
    expected.put("gbt_xgboost_fit", "spark");
    expected.put("gbt_max_iter", "40,80");
    expected.put("gbt_max_depth", "3,5");
    expected.put("gbt_step_size", "0.1,0.05");
    expected.put("gbt_subsampling_rate", "0.8");
    expected.put("gbt_seed", "42");
    expected.put("selection_metric", "qlike");
    expected.put("qlike_floor", "1.0E-4");
    expected.put("features", "log_return,rv_7,har_rv_d");
    expected.put("training_partitions", "8");
    assertEquals(expected, SPEC.params());
    assertEquals(TrainingSpec.PARAM_KEYS, List.copyOf(SPEC.params().keySet()));
  }

  @Test
  void paramsReadBackToTheSameSpec() {
    assertEquals(SPEC, TrainingSpec.fromParams("r1", SPEC.params()));
    TrainingSpec all = new TrainingSpec(LogicalWindow.all(), 0, 7, new CvConfig(3, 7, 0.5),
        new GbtGrid("mllib", List.of(15), List.of(3), List.of(0.1), 1.0, -3L), "r2", 0.1 + 0.2, List.of("rv_7"), 1);
    assertEquals(all, TrainingSpec.fromParams("r2", all.params()), "doubles such as 0.30000000000000004 survive exactly");
  }

  @Test
  void aRunWithoutTheParamsCannotBeReproducedAndTheLineSaysWhichAreMissing() {
    Map<String, String> old = new HashMap<>(SPEC.params());
    old.remove("gbt_seed");
    old.remove("features");
    old.remove("training_table_delta_version");
    TrainingException e = assertThrows(TrainingException.class, () -> TrainingSpec.fromParams("abc", old));
    assertEquals("run abc cannot be reproduced: it lacks the params [training_table_delta_version, gbt_seed, features]"
        + " (it was logged by an older coinlake, before training runs recorded their inputs)", e.getMessage());
  }

  @Test
  void aRunFromBeforeTheEngineParamWasFittedByMllib() {
    Map<String, String> old = new HashMap<>(SPEC.params());
    old.remove("gbt_engine");
    assertEquals("mllib", TrainingSpec.fromParams("abc", old).gbt().engine(), "runs before gbt_engine existed used MLlib's GBT");
    Map<String, String> bad = new HashMap<>(SPEC.params());
    bad.put("gbt_engine", "lightgbm");
    TrainingException e = assertThrows(TrainingException.class, () -> TrainingSpec.fromParams("abc", bad));
    assertEquals("run abc cannot be reproduced: its recorded params are invalid: 'engine' must be one of [xgboost, mllib],"
        + " got 'lightgbm'", e.getMessage());
  }

  @Test
  void aRunFromBeforeTheFitParamRanOnXgboostSparkWorkers() {
    Map<String, String> old = new HashMap<>(SPEC.params());
    old.put("gbt_xgboost_fit", "driver");
    assertEquals("driver", TrainingSpec.fromParams("abc", old).gbt().xgboostFit());
    old.remove("gbt_xgboost_fit");
    assertEquals("spark", TrainingSpec.fromParams("abc", old).gbt().xgboostFit(), "runs before gbt_xgboost_fit used XGBoost4J-Spark");
  }

  @Test
  void autoFitsInTheDriverOnALocalMasterAndOnSparkWorkersOnACluster() {
    var config = io.coinlake.config.ConfigLoader.load(null, List.of());
    assertEquals("auto", config.tasks().volatility().gbt().xgboostFit(), "the default");
    assertEquals("driver", TrainingSpec.of(config.tasks().volatility(), LogicalWindow.all(), 3, 2, true).gbt().xgboostFit());
    assertEquals("spark", TrainingSpec.of(config.tasks().volatility(), LogicalWindow.all(), 3, 2, false).gbt().xgboostFit());
    var forced = io.coinlake.config.ConfigLoader.load(null, List.of("tasks.volatility.gbt.xgboostFit=spark"));
    assertEquals("spark", TrainingSpec.of(forced.tasks().volatility(), LogicalWindow.all(), 3, 2, true).gbt().xgboostFit());
    assertThrows(IllegalArgumentException.class, () -> new TrainingSpec(LogicalWindow.all(), 0, 7, new CvConfig(3, 7, 0.5),
        config.tasks().volatility().gbt(), "qlike", 1e-4, List.of("rv_7"), 2), "a spec holds a resolved fit, never auto");
  }

  @Test
  void xgboostLaysTheRowsOutInOnePartitionPerWorkerAndMllibInTheFixedEight() {
    var config = io.coinlake.config.ConfigLoader.load(null, List.of());
    TrainingSpec xgboost = TrainingSpec.of(config.tasks().volatility(), LogicalWindow.all(), 3, 2);
    assertEquals("xgboost", xgboost.gbt().engine(), "the default engine");
    assertEquals(2, xgboost.trainingPartitions());
    var mllibConfig = io.coinlake.config.ConfigLoader.load(null, List.of("tasks.volatility.gbt.engine=mllib"));
    TrainingSpec mllib = TrainingSpec.of(mllibConfig.tasks().volatility(), LogicalWindow.all(), 3, 2);
    assertEquals("mllib", mllib.params().get("gbt_engine"));
    assertEquals(TrainingSpec.DEFAULT_TRAINING_PARTITIONS, mllib.trainingPartitions());
  }

  @Test
  void aValueThatDoesNotParseIsNamed() {
    Map<String, String> bad = new HashMap<>(SPEC.params());
    bad.put("gbt_max_depth", "3,five");
    TrainingException e = assertThrows(TrainingException.class, () -> TrainingSpec.fromParams("abc", bad));
    assertEquals("run abc cannot be reproduced: param gbt_max_depth='3,five' is not valid", e.getMessage());
    bad.put("gbt_max_depth", "3");
    bad.put("selection_metric", "auc");
    e = assertThrows(TrainingException.class, () -> TrainingSpec.fromParams("abc", bad));
    assertTrue(e.getMessage().startsWith("run abc cannot be reproduced: its recorded params are invalid: selectionMetric must be one of"),
        e.getMessage());
  }

  @Test
  void rejectsAWindowWithALowerBound() {
    assertThrows(IllegalArgumentException.class, () -> new TrainingSpec(new LogicalWindow(LocalDate.parse("2021-01-01"),
        LocalDate.parse("2021-02-01")), 0, 7, SPEC.cv(), SPEC.gbt(), "qlike", 1e-4, SPEC.features(), 8));
  }
}
