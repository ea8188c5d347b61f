package io.coinlake.train;

import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.tracking.FileStoreBackend;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordedRunTest {
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  private static final String OTHER = "fedcba9876543210fedcba9876543210fedcba98";
  @TempDir Path tmp;
  FileStoreBackend store;
  String experiment;

  @BeforeEach
  void store() {
    store = new FileStoreBackend(tmp.resolve("mlruns"));
    experiment = store.getOrCreateExperiment("it");
  }

  private String training(Map<String, String> params) {
    Map<String, String> tags = new HashMap<>();
    tags.put("coinlake.task", "volatility");
    tags.put("coinlake.git_commit", COMMIT);
    tags.put("coinlake.git_dirty", "false");
    tags.put("coinlake.spark_version", "3.5.7");
    tags.put("coinlake.training_table_path", "/lake/gold/features_volatility");
    String run = store.startRun(experiment, "volatility-all", null, tags);
    store.logParams(run, params);
    return run;
  }

  @Test
  void readsTheSpecAndTheEnvironmentOfATrainingRun() {
    String run = training(TrainingSpecTest.SPEC.params());
    RecordedRun r = RecordedRun.read(store, run, "mlruns");
    assertEquals(new RecordedRun(run, TrainingSpecTest.SPEC, COMMIT, "false", "3.5.7", "/lake/gold/features_volatility"), r);
    assertEquals(List.of(), r.warnings(COMMIT, "false", "3.5.7", "/lake/gold/features_volatility"), "same code, Spark and table");
  }

  @Test
  void warnsOneLineForEachDifferenceThatCouldChangeTheResult() {
    RecordedRun r = RecordedRun.read(store, training(TrainingSpecTest.SPEC.params()), "mlruns");
    String id = r.runId();
    assertEquals(List.of("warning: run " + id + " was trained by code at commit " + COMMIT + ", this build is at " + OTHER
            + "; if metrics differ, check out " + COMMIT + " and rebuild",
        "warning: run " + id + " used Spark 3.5.7, this is Spark 3.5.1",
        "warning: run " + id + " read /lake/gold/features_volatility; this config reads /other/gold/features_volatility at the same"
            + " Delta version (set lake.root to the run's lake if that is not the same table)"),
        r.warnings(OTHER, "false", "3.5.1", "/other/gold/features_volatility"));
    assertEquals(List.of("warning: run " + id + " and this build are both at commit " + COMMIT
        + ", but this build had uncommitted changes (or it is unknown); the code may differ"),
        r.warnings(COMMIT, "true", "3.5.7", "/lake/gold/features_volatility"));
    assertEquals(List.of("warning: cannot compare code versions: run " + id + " was trained by code at commit " + COMMIT
        + ", this build is at unknown"), r.warnings("unknown", "unknown", "3.5.7", "/lake/gold/features_volatility"));
  }

  @Test
  void aRunThatDoesNotExistIsOneLineNamingItAndTheStore() {
    TrainingException e = assertThrows(TrainingException.class,
        () -> RecordedRun.read(store, "00000000000000000000000000000000", "./mlruns"));
    assertEquals("no MLflow run '00000000000000000000000000000000' in ./mlruns (Run '00000000000000000000000000000000' not found under "
        + tmp.resolve("mlruns") + ".); pass the id of a training run, as printed by ./coinlake train", e.getMessage());
    e = assertThrows(TrainingException.class, () -> RecordedRun.read(store, "../0", "./mlruns"));
    assertEquals("no MLflow run '../0' in ./mlruns (Invalid run id '../0'.); pass the id of a training run,"
        + " as printed by ./coinlake train", e.getMessage());
  }

  @Test
  void aCandidateRunPointsToItsTraining() {
    String parent = training(TrainingSpecTest.SPEC.params());
    String child = store.startRun(experiment, "har_linear", parent, Map.of("coinlake.task", "volatility"));
    TrainingException e = assertThrows(TrainingException.class, () -> RecordedRun.read(store, child, "mlruns"));
    assertEquals("run " + child + " is the candidate run har_linear of training run " + parent
        + "; reproduce the training: ./coinlake train --reproduce " + parent, e.getMessage());
  }

  @Test
  void anOlderRunWithoutTheRecordedInputsCannotBeReproduced() {
    String run = training(Map.of("horizon", "7", "cv_folds", "4", "cv_purge_days", "7", "cv_min_train_fraction", "0.5",
        "selection_metric", "qlike", "qlike_floor", "1.0E-4"));
    TrainingException e = assertThrows(TrainingException.class, () -> RecordedRun.read(store, run, "mlruns"));
    assertEquals("run " + run + " cannot be reproduced: it lacks the params [as_of, training_table_delta_version, gbt_max_iter,"
        + " gbt_max_depth, gbt_step_size, gbt_subsampling_rate, gbt_seed, features, training_partitions] (it was logged by an"
        + " older coinlake, before training runs recorded their inputs)", e.getMessage());
  }

  @Test
  void aRunOfAnotherKindIsRefused() {
    String run = store.startRun(experiment, "drift", null, Map.of("coinlake.task", "drift"));
    TrainingException e = assertThrows(TrainingException.class, () -> RecordedRun.read(store, run, "mlruns"));
    assertEquals("run " + run + " is not a coinlake volatility training run (its tag coinlake.task is drift);"
        + " pass the id of a run logged by ./coinlake train", e.getMessage());
  }
}
