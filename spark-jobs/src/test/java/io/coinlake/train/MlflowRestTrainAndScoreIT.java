package io.coinlake.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.ConfigLoader;
import io.coinlake.config.LogicalWindow;
import io.coinlake.features.VolatilityFeatures;
import io.coinlake.lake.Columns;
import io.coinlake.lake.Lake;
import io.coinlake.lake.LakeTable;
import io.coinlake.score.ScoreResult;
import io.coinlake.score.ScoreVolatilityJob;
import io.coinlake.testing.FakeMlflowServer;
import io.coinlake.testing.FakeMlflowStore;
import io.coinlake.testing.SparkTestSession;
import io.coinlake.tracking.Tracking;
import io.coinlake.tracking.TrackingException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real training logger and the real score job against a tracking server (the contract-checking
 * fake): runs, metrics, the model's artifacts, the registered version and its alias, then scoring
 * with a model downloaded through the artifact proxy; and a failure marks the run FAILED.
 */
class MlflowRestTrainAndScoreIT {
  private static final String MODEL = "coinlake-volatility";

  @TempDir Path tmp;
  private FakeMlflowServer server;
  private SparkSession spark;
  private CoinlakeConfig config;
  private Lake lake;

  @BeforeEach
  void setUp() throws Exception {
    server = FakeMlflowServer.start();
    spark = SparkTestSession.get();
    config = ConfigLoader.load(null, List.of("lake.root=" + tmp.resolve("lake"), "mlflow.trackingUri=" + server.uri(),
        "mlflow.http.maxAttempts=1"));
    lake = new Lake(config.lake().root());
    features().write().format("delta").save(lake.path(LakeTable.GOLD_FEATURES_VOLATILITY));
  }

  @AfterEach
  void tearDown() {
    assertEquals(List.of(), server.violations(), "every request must follow MLflow's REST API");
    server.close();
  }

  /** Two symbols, four days, every feature filled, and a label. */
  private Dataset<Row> features() {
    List<StructField> fields = new ArrayList<>(List.of(
        DataTypes.createStructField(Columns.SYMBOL, DataTypes.StringType, false),
        DataTypes.createStructField(Columns.TS, DataTypes.TimestampType, false)));
    for (String f : VolatilityFeatures.featureColumns()) {
      fields.add(DataTypes.createStructField(f, DataTypes.DoubleType, true));
    }
    fields.add(DataTypes.createStructField(Columns.LABEL, DataTypes.DoubleType, true));
    List<Row> rows = new ArrayList<>();
    for (String symbol : List.of("BTC", "ETH")) {
      for (int day = 1; day <= 4; day++) {
        List<Object> values = new ArrayList<>(List.of(symbol, Timestamp.valueOf("2021-07-0" + day + " 00:00:00")));
        int i = 0;
        for (String f : VolatilityFeatures.featureColumns()) {
          values.add(0.01 * day + 0.001 * i++ + (symbol.equals("ETH") ? 0.02 : 0));
        }
        values.add(0.03 * day + (symbol.equals("ETH") ? 0.01 : 0));
        rows.add(RowFactory.create(values.toArray()));
      }
    }
    return spark.createDataFrame(rows, new StructType(fields.toArray(StructField[]::new)));
  }

  private TrainResult train(Tracking tracking) {
    TrainingSpec spec = TrainingSpec.of(config.tasks().volatility(), LogicalWindow.all(), 0, 2);
    Dataset<Row> data = lake.read(spark, LakeTable.GOLD_FEATURES_VOLATILITY);
    Candidate har = Candidates.harLinear(spec.qlikeFloor());
    Candidate persistence = Candidates.persistence();
    PipelineModel model = har.fit(data);
    List<Fold> folds = List.of(new Fold(0, LocalDate.of(2021, 7, 1), LocalDate.of(2021, 7, 2), LocalDate.of(2021, 7, 3)),
        new Fold(1, LocalDate.of(2021, 7, 2), LocalDate.of(2021, 7, 3), LocalDate.of(2021, 7, 4)));
    Map<String, List<FoldMetrics>> perFold = new LinkedHashMap<>();
    perFold.put(har.name(), List.of(new FoldMetrics(har.name(), 0, 2, 0.5, 0.1, 0.08, 0.2),
        new FoldMetrics(har.name(), 1, 2, 0.7, 0.2, 0.1, 0.1)));
    perFold.put(persistence.name(), List.of(new FoldMetrics(persistence.name(), 0, 2, 0.9, 0.3, 0.2, -0.1),
        new FoldMetrics(persistence.name(), 1, 2, 1.1, 0.4, 0.3, -0.2)));
    Map<String, FoldMetrics> means = Map.of(har.name(), new FoldMetrics(har.name(), -1, 4, 0.6, 0.15, 0.09, 0.15),
        persistence.name(), new FoldMetrics(persistence.name(), -1, 4, 1.0, 0.35, 0.25, -0.15));
    CvResult cv = new CvResult(null, perFold, means);
    VolatilityTraining training = new VolatilityTraining(spec, data, 8, folds, List.of(persistence, har), cv, har, model);
    return new TrainRunLogger(spark, tracking, config, lake).log(training);
  }

  @Test
  void aTrainingIsLoggedRegisteredAndThenScoredThroughTheServer() {
    Tracking tracking = Tracking.open(config);
    TrainResult result = train(tracking);

    FakeMlflowStore store = server.store();
    FakeMlflowStore.Run parent = store.run(result.runId());
    assertEquals("FINISHED", parent.status);
    assertEquals("volatility-all", parent.name);
    assertEquals("0", parent.tags.get("coinlake.training_table_delta_version"));
    assertEquals("1", parent.tags.get("coinlake.registered_version"));
    assertEquals("true", parent.tags.get("coinlake.champion_moved"));
    assertEquals("har_linear", parent.params.get("selected_model"));
    assertEquals(Integer.toString(config.tasks().volatility().cv().folds()), parent.params.get("cv_folds"));
    assertEquals(0.6, parent.metrics.get("cv_qlike").get(0)[1]);
    assertEquals(1.0, parent.metrics.get("persistence_cv_qlike").get(0)[1]);
    List<FakeMlflowStore.Run> children = store.runs().stream().filter(r -> result.runId().equals(r.tags.get("mlflow.parentRunId"))).toList();
    assertEquals(List.of("persistence", "har_linear"), children.stream().map(r -> r.name).toList());
    FakeMlflowStore.Run har = children.get(1);
    assertEquals("FINISHED", har.status);
    assertEquals(List.of(0.5, 0.7), har.metrics.get("qlike").stream().map(p -> p[1]).toList());
    assertEquals(List.of(0.0, 1.0), har.metrics.get("qlike").stream().map(p -> p[2]).toList(), "step = fold");

    String root = "1/" + result.runId() + "/artifacts/";
    assertTrue(store.artifacts().containsKey(root + "model/MLmodel"), store.artifacts().keySet().toString());
    assertTrue(store.artifacts().containsKey(root + "model/sparkml/metadata/part-00000"), store.artifacts().keySet().toString());
    assertTrue(store.artifacts().containsKey(root + "feature_importances.json"));
    FakeMlflowStore.Model model = store.model(MODEL);
    assertEquals(1, model.versions.size());
    assertEquals("mlflow-artifacts:/" + root + "model", model.versions.get(0).source);
    assertEquals(result.runId(), model.versions.get(0).runId);
    assertEquals(Map.of("champion", 1), model.aliases);

    assertEquals(List.of(
        "GET /mlflow/experiments/get-by-name x2",         // Tracking.open's check, then the lookup
        "POST /mlflow/experiments/create",
        "POST /mlflow/runs/create x2",                    // parent, child persistence
        "POST /mlflow/runs/log-batch x15",                // params, 2 folds x 5 metrics, 4 means
        "POST /mlflow/runs/update",
        "POST /mlflow/runs/create",                       // child har_linear
        "POST /mlflow/runs/log-batch x15",
        "POST /mlflow/runs/update",
        "POST /mlflow/runs/log-batch x14",                // parent params, 4 CV means x (winner + 2 baselines), training_rows
        "PUT /mlflow-artifacts/artifacts/" + root + "model/...",
        "POST /mlflow/runs/log-batch",                    // mlflow.log-model.history
        "PUT /mlflow-artifacts/artifacts/" + root + "training_inputs.json",
        "PUT /mlflow-artifacts/artifacts/" + root + "feature_importances.json",
        "POST /mlflow/registered-models/create", "POST /mlflow/model-versions/create",
        "GET /mlflow/registered-models/alias", "GET /mlflow/registered-models/get",   // no champion yet
        "GET /mlflow/model-versions/search", "GET /mlflow/model-versions/get", "GET /mlflow/registered-models/get", // promotion
        "POST /mlflow/model-versions/set-tag", "POST /mlflow/registered-models/alias",
        "POST /mlflow/runs/log-batch", "POST /mlflow/runs/update",
        "GET /mlflow/model-versions/search", "GET /mlflow/model-versions/get", "GET /mlflow/registered-models/get"), // retention
        collapsed(server.lines()));

    // score: the champion's files come back through the artifact proxy and Spark loads them
    server.clearCalls();
    ScoreResult scored = ScoreVolatilityJob.run(spark, config, LogicalWindow.all());
    assertEquals(1, scored.version());
    assertEquals(result.runId(), scored.runId());
    assertEquals(2, scored.predictions());
    assertTrue(server.lines().stream().anyMatch(l -> l.startsWith("GET /mlflow-artifacts/artifacts/" + root + "model/sparkml/")),
        server.lines().toString());
    List<Row> predictions = lake.read(spark, LakeTable.GOLD_PREDICTIONS).orderBy(Columns.SYMBOL).collectAsList();
    assertEquals(List.of("BTC", "ETH"), predictions.stream().map(r -> r.getString(r.fieldIndex(Columns.SYMBOL))).toList());
    assertEquals(List.of(1, 1), predictions.stream().map(r -> r.getInt(r.fieldIndex(Columns.MODEL_VERSION))).toList());
  }

  /** The default engine's model goes the same way: logged with its engine and importances, registered, loaded and scored. */
  @Test
  void anXgboostChampionIsLoggedRegisteredAndScored() {
    Tracking tracking = Tracking.open(config);
    TrainingSpec spec = TrainingSpec.of(config.tasks().volatility(), LogicalWindow.all(), 0, 2);
    assertEquals("xgboost", spec.gbt().engine());
    Dataset<Row> data = TrainingData.canonical(lake.read(spark, LakeTable.GOLD_FEATURES_VOLATILITY), spec.trainingPartitions());
    Candidate gbt = Candidates.all(spec, 1).get(2);
    PipelineModel model = gbt.fit(data);
    List<Fold> folds = List.of(new Fold(0, LocalDate.of(2021, 7, 1), LocalDate.of(2021, 7, 2), LocalDate.of(2021, 7, 3)));
    Map<String, List<FoldMetrics>> perFold = Map.of(gbt.name(), List.of(new FoldMetrics(gbt.name(), 0, 2, 0.4, 0.1, 0.08, 0.2)));
    Map<String, FoldMetrics> means = Map.of(gbt.name(), new FoldMetrics(gbt.name(), -1, 2, 0.4, 0.1, 0.08, 0.2));
    VolatilityTraining training = new VolatilityTraining(spec, data, 8, folds, List.of(gbt), new CvResult(null, perFold, means), gbt, model);
    TrainResult result = new TrainRunLogger(spark, tracking, config, lake).log(training);

    FakeMlflowStore store = server.store();
    FakeMlflowStore.Run parent = store.run(result.runId());
    assertEquals("FINISHED", parent.status);
    assertEquals("gbt_it40_d3_lr0.1", parent.params.get("selected_model"));
    assertEquals("xgboost", parent.params.get("gbt_engine"));
    assertEquals("xgboost", parent.params.get("selected.engine"));
    assertEquals("hist", parent.params.get("selected.treeMethod"));
    FakeMlflowStore.Run child = store.runs().stream().filter(r -> gbt.name().equals(r.name)).findFirst().orElseThrow();
    assertEquals("xgboost", child.params.get("engine"));
    assertEquals("2", child.params.get("numWorkers"));
    String root = "1/" + result.runId() + "/artifacts/";
    String importances = new String(store.artifacts().get(root + "feature_importances.json"), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(importances.contains("\"feature_importances\""), importances);
    assertTrue(store.artifacts().keySet().stream().anyMatch(k -> k.startsWith(root + "model/sparkml/stages/1_xgbr")),
        store.artifacts().keySet().toString());

    ScoreResult scored = ScoreVolatilityJob.run(spark, config, LogicalWindow.all());
    assertEquals(result.runId(), scored.runId());
    assertEquals(2, scored.predictions());
    List<Row> predictions = lake.read(spark, LakeTable.GOLD_PREDICTIONS).orderBy(Columns.SYMBOL).collectAsList();
    List<Row> expected = model.transform(data.where(Columns.TS + " = '2021-07-04'")).orderBy(Columns.SYMBOL).collectAsList();
    for (int i = 0; i < 2; i++) {
      double p = predictions.get(i).getDouble(predictions.get(i).fieldIndex(Columns.PREDICTION));
      assertEquals(expected.get(i).getDouble(expected.get(i).fieldIndex(Columns.PREDICTION)), p, 0.0,
          "the loaded champion predicts what the fitted model did");
      assertTrue(p > 0, "a positive volatility forecast: " + p);
    }
  }

  @Test
  void aFailureMarksTheRunFailedOnTheServerAndPropagates() {
    server.failNext("POST", "/api/2.0/mlflow/model-versions/create", 1, 400, "INVALID_PARAMETER_VALUE", "source is not allowed");
    Tracking tracking = Tracking.open(config);
    TrackingException e = assertThrows(TrackingException.class, () -> train(tracking));
    assertEquals("MLflow POST /api/2.0/mlflow/model-versions/create failed with HTTP 400 INVALID_PARAMETER_VALUE: source is not"
        + " allowed; the server rejected the request, so retrying will not help: fix what the message names", e.getMessage());
    FakeMlflowStore.Run parent = server.store().runs().stream().filter(r -> r.name.equals("volatility-all")).findFirst().orElseThrow();
    assertEquals("FAILED", parent.status);
    assertTrue(parent.end != null);
    assertEquals(List.of("POST /mlflow/runs/update"), server.lines().subList(server.lines().size() - 1, server.lines().size()));
    assertTrue(server.store().runs().stream().filter(r -> !r.name.equals("volatility-all")).allMatch(r -> r.status.equals("FINISHED")));
  }

  @Test
  void aFailureInsideACandidateMarksItAndTheParentFailed() {
    Tracking tracking = Tracking.open(config);
    // the first log-batch is the first child's params: the server turns it down
    server.failNext("POST", "/api/2.0/mlflow/runs/log-batch", 1, 400, "INVALID_PARAMETER_VALUE", "Invalid value for param");
    TrackingException e = assertThrows(TrackingException.class, () -> train(tracking));
    assertTrue(e.getMessage().startsWith("MLflow POST /api/2.0/mlflow/runs/log-batch failed with HTTP 400"), e.getMessage());
    List<FakeMlflowStore.Run> runs = server.store().runs();
    assertEquals(List.of("volatility-all:FAILED", "persistence:FAILED"), runs.stream().map(r -> r.name + ":" + r.status).toList());
    assertFalse(server.lines().contains("POST /mlflow/model-versions/create"));
    assertSame(TrackingException.class, e.getClass());
  }

  /** Consecutive repeats of a call as one line with " xN"; the PUTs of the model's files as one "model/..." line. */
  private static List<String> collapsed(List<String> lines) {
    List<String> out = new ArrayList<>();
    String last = null;
    int count = 0;
    for (String line : lines) {
      String l = line.replaceAll("(/artifacts/model)/.*$", "$1/...");
      if (l.equals(last)) {
        count++;
        continue;
      }
      if (last != null) {
        out.add(last + (count > 1 && !last.endsWith("/...") ? " x" + count : ""));
      }
      last = l;
      count = 1;
    }
    if (last != null) {
      out.add(last + (count > 1 && !last.endsWith("/...") ? " x" + count : ""));
    }
    return out;
  }
}
