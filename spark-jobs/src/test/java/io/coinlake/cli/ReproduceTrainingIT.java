package io.coinlake.cli;

import static io.coinlake.lake.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.coinlake.testing.CliRun;
import io.coinlake.features.VolatilityFeatures;
import io.coinlake.lake.Lake;
import io.coinlake.lake.LakeTable;
import io.coinlake.testing.SparkTestSession;
import io.coinlake.tracking.FileStoreBackend;
import io.coinlake.tracking.MetricPoint;
import io.coinlake.tracking.ModelVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --reproduce}: ingest, validate, features and train on two sample coins; then the
 * features table is overwritten (new Delta version, other data) and today's config changed (seed,
 * folds, shuffle partitions); the reproduction still reads the run's version with the run's params
 * and gets the same metrics. A tampered original metric, an unknown run id and a run without
 * recorded inputs fail with one line.
 */
class ReproduceTrainingIT {
  private static final List<String> COINS = List.of("coin_Ethereum.csv", "coin_Solana.csv");
  private static final Pattern NEW_RUN = Pattern.compile("new run ([0-9a-f]{32}) is tagged coinlake\\.reproduces=");

  @TempDir
  static Path dir;
  static Path config;
  static String originalRun;
  static long trainedVersion;
  static long overwrittenVersion;
  static long rowsBefore;
  static long rowsAfter;
  static int reproduceExit;
  static String reproduceOut;
  static String reproduceErr;
  static int tamperedExit;
  static String tamperedErr;
  static int unknownExit;
  static String unknownErr;
  static int olderExit;
  static String olderErr;
  static String olderRun;
  static final Map<String, Double> originalMetrics = new java.util.HashMap<>();

  @BeforeAll
  static void trainThenChangeTheTableThenReproduce() throws Exception {
    System.setProperty("spark.master", "local[2]");
    Path input = Files.createDirectories(dir.resolve("input"));
    for (String coin : COINS) {
      Files.copy(Path.of("../data/sample/daily_multicoin_kaggle23", coin), input.resolve(coin));
    }
    config = dir.resolve("it.yaml");
    Files.writeString(config, String.join("\n",
        "lake: {root: " + dir.resolve("lake") + "}",
        "landing: {root: " + dir.resolve("landing") + "}",
        "spark: {shufflePartitions: 3}",
        "mlflow: {trackingUri: " + dir.resolve("mlruns") + ", experiment: it}",
        "ingest: {ohlcv: {interval: 1d, sources: [{path: " + input + ", glob: 'coin_*.csv', layout: kaggle}]},",
        "  snapshots: {sources: []}, ticks: {barInterval: 1m, sources: []}}",
        "quality: {contractsDir: ../conf/contracts}",
        "tasks: {volatility: {cv: {folds: 3}, gbt: {maxIter: [10], maxDepth: [3], subsamplingRate: 0.8, seed: 42}}}", ""));
    for (String stage : List.of("ingest", "validate", "features", "train")) {
      CliRun c = cli(stage, "--config", config.toString());
      assertEquals(0, c.exit(), stage + ": " + c.out() + c.err());
    }
    FileStoreBackend store = store();
    originalRun = store.listVersions("coinlake-volatility").get(0).runId();
    trainedVersion = lake().version(spark(), LakeTable.GOLD_FEATURES_VOLATILITY);

    // the table moves on: another version with other data (one coin fewer, labels changed)
    Dataset<Row> features = lake().read(spark(), LakeTable.GOLD_FEATURES_VOLATILITY);
    rowsBefore = features.count();
    Dataset<Row> changed = features.where(col(SYMBOL).notEqual("SOL")).withColumn(LABEL, col(LABEL).multiply(1.5)).localCheckpoint();
    rowsAfter = changed.count();
    changed.write().format("delta").mode("overwrite").save(lake().path(LakeTable.GOLD_FEATURES_VOLATILITY));
    overwrittenVersion = lake().version(spark(), LakeTable.GOLD_FEATURES_VOLATILITY);

    // today's config differs from the run's in everything that would change the fit
    CliRun r = cli("train", "--config", config.toString(), "--reproduce", originalRun,
        "--set", "tasks.volatility.gbt.seed=7", "--set", "tasks.volatility.cv.folds=2", "--set", "spark.shufflePartitions=5");
    reproduceExit = r.exit();
    reproduceOut = r.out();
    reproduceErr = r.err();

    CliRun u = cli("train", "--config", config.toString(), "--reproduce", "0123456789abcdef0123456789abcdef");
    unknownExit = u.exit();
    unknownErr = u.err();

    // a run logged before runs recorded their inputs
    String experiment = store.getOrCreateExperiment("it");
    olderRun = store.startRun(experiment, "volatility-all", null, Map.of("coinlake.task", "volatility"));
    store.logParams(olderRun, Map.of("horizon", "7", "cv_folds", "3", "cv_purge_days", "7", "cv_min_train_fraction", "0.5",
        "selection_metric", "qlike", "qlike_floor", "1.0E-4"));
    CliRun o = cli("train", "--config", config.toString(), "--reproduce", olderRun);
    olderExit = o.exit();
    olderErr = o.err();

    // the original's record disagrees with what the data gives: the reproduction must say so
    for (String candidate : List.of("persistence", "har_linear", "gbt_it10_d3_lr0.1")) {
      for (String metric : List.of("qlike", "rmse", "mae", "r2")) {
        originalMetrics.put(candidate + "_cv_" + metric, last(store, originalRun, candidate + "_cv_" + metric));
      }
    }
    double harQlike = last(store, originalRun, "har_linear_cv_qlike");
    store.logMetric(originalRun, "har_linear_cv_qlike", harQlike * (1 + 1e-6), 0);
    CliRun t = cli("train", "--config", config.toString(), "--reproduce", originalRun);
    tamperedExit = t.exit();
    tamperedErr = t.err();
    System.out.println(reproduceOut);
  }

  private static CliRun cli(String... args) {
    return CliRun.of(args);
  }

  private static SparkSession spark() {
    return SparkTestSession.get();
  }

  private static Lake lake() {
    return new Lake(dir.resolve("lake").toString());
  }

  private static FileStoreBackend store() {
    return new FileStoreBackend(dir.resolve("mlruns"));
  }

  private static double last(FileStoreBackend store, String run, String metric) {
    List<MetricPoint> h = store.metricHistory(run, metric);
    assertFalse(h.isEmpty(), run + " has no metric " + metric);
    return h.get(h.size() - 1).value();
  }

  private static String reproductionRun() {
    Matcher m = NEW_RUN.matcher(reproduceOut);
    assertTrue(m.find(), reproduceOut);
    return m.group(1);
  }

  @Test
  void theRunRecordsTheVersionItReadAndEverythingElseItNeeds() {
    Map<String, String> params = store().params(originalRun);
    Map<String, String> tags = store().tags(originalRun);
    assertEquals(Long.toString(trainedVersion), params.get("training_table_delta_version"));
    assertEquals(Long.toString(trainedVersion), tags.get("coinlake.training_table_delta_version"));
    assertEquals(String.join(",", VolatilityFeatures.featureColumns()), params.get("features"));
    assertEquals("42", params.get("gbt_seed"));
    assertEquals("10", params.get("gbt_max_iter"));
    assertEquals("3", params.get("gbt_max_depth"));
    assertEquals("0.1", params.get("gbt_step_size"));
    assertEquals("0.8", params.get("gbt_subsampling_rate"));
    assertEquals("3", params.get("cv_folds"));
    assertEquals("7", params.get("horizon"));
    assertEquals("all", params.get("as_of"));
    assertEquals("xgboost", params.get("gbt_engine"), "the default engine");
    assertEquals("2", params.get("training_partitions"), "XGBoost: one partition per worker, local[2] has 2 task slots");
    assertTrue(tags.get("coinlake.git_commit").matches("[0-9a-f]{40}"), "the build embeds the commit: " + tags.get("coinlake.git_commit"));
    assertEquals(tags.get("coinlake.git_commit"), tags.get("mlflow.source.git.commit"));
    assertTrue(List.of("true", "false").contains(tags.get("coinlake.git_dirty")), tags.toString());
    assertTrue(Files.isRegularFile(Path.of(java.net.URI.create(store().artifactUri(originalRun))).resolve("training_inputs.json")));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theRegisteredModelCarriesTheSignatureOfItsInputs() throws Exception {
    ModelVersion v = store().listVersions("coinlake-volatility").get(0);
    Path model = Path.of(java.net.URI.create(v.source()));
    assertTrue(Files.isDirectory(model.resolve("sparkml")));
    Map<String, Object> mlmodel = new ObjectMapper(new YAMLFactory()).readValue(model.resolve("MLmodel").toFile(),
        new TypeReference<Map<String, Object>>() {});
    Map<String, Object> signature = (Map<String, Object>) mlmodel.get("signature");
    List<Map<String, Object>> inputs = new ObjectMapper().readValue((String) signature.get("inputs"),
        new TypeReference<List<Map<String, Object>>>() {});
    String selected = store().params(originalRun).get("selected_model");
    List<String> expected = selected.startsWith("gbt") ? VolatilityFeatures.featureColumns()
        : selected.equals("har_linear") ? VolatilityFeatures.harColumns() : List.of(RV_LAST_H);
    assertEquals(expected, inputs.stream().map(c -> c.get("name")).toList(), selected);
    assertTrue(inputs.stream().allMatch(c -> "double".equals(c.get("type")) && Boolean.TRUE.equals(c.get("required"))), inputs.toString());
    assertEquals("[{\"type\": \"double\", \"name\": \"prediction\", \"required\": true}]", signature.get("outputs"));
  }

  @Test
  void theTableMovedOnAndChanged() {
    assertTrue(overwrittenVersion > trainedVersion, overwrittenVersion + " > " + trainedVersion);
    assertTrue(rowsAfter < rowsBefore && rowsAfter > 0, rowsAfter + " < " + rowsBefore);
  }

  @Test
  void theReproductionGetsTheSameMetricsFromTheRecordedVersionAndParams() {
    assertEquals(0, reproduceExit, reproduceOut + reproduceErr);
    String run = reproductionRun();
    assertNotEquals(originalRun, run);
    FileStoreBackend store = store();
    Map<String, String> tags = store.tags(run);
    assertEquals(originalRun, tags.get("coinlake.reproduces"));
    assertEquals("true", tags.get("coinlake.reproduced_exactly"));
    assertEquals(Long.toString(trainedVersion), tags.get("coinlake.training_table_delta_version"), "read at the run's version");
    Map<String, String> params = store.params(run);
    assertEquals("42", params.get("gbt_seed"), "the run's seed, not today's config");
    assertEquals("3", params.get("cv_folds"), "the run's folds, not today's config");
    assertEquals(store.params(originalRun).get("selected_model"), params.get("selected_model"));
    int compared = 0;
    for (String candidate : List.of("persistence", "har_linear", "gbt_it10_d3_lr0.1")) {
      for (String metric : List.of("qlike", "rmse", "mae", "r2")) {
        String key = candidate + "_cv_" + metric;
        double a = originalMetrics.get(key);
        double b = last(store, run, key);
        assertEquals(a, b, Math.abs(a) * 1e-9, key);
        compared++;
      }
    }
    assertEquals(12, compared);
    assertEquals(last(store, originalRun, "training_rows"), last(store, run, "training_rows"));
    assertTrue(reproduceOut.contains("Reproducing run " + originalRun + ": gold.features_volatility at Delta version " + trainedVersion
        + ", as of all, code "), reproduceOut);
    assertTrue(reproduceOut.contains("har_linear_cv_qlike"), reproduceOut);
    assertTrue(reproduceOut.contains("Reproduced: all 17 metrics within 1.0E-9 relative; new run " + run), reproduceOut);
  }

  @Test
  void theReproductionRegistersNothingAndLeavesTheChampion() {
    List<ModelVersion> versions = store().listVersions("coinlake-volatility");
    assertEquals(1, versions.size(), versions.toString());
    assertEquals(1, store().getByAlias("coinlake-volatility", "champion").orElseThrow().version());
    assertNull(store().tags(reproductionRun()).get("coinlake.registered_version"));
  }

  @Test
  void aMetricThatDiffersFailsTheReproductionNamingIt() {
    assertEquals(CoinlakeMain.FAILED, tamperedExit, tamperedErr);
    assertEquals(1, tamperedErr.strip().lines().count(), tamperedErr);
    assertTrue(tamperedErr.startsWith("coinlake: failed: run " + originalRun + " did not reproduce (new run "), tamperedErr);
    assertTrue(tamperedErr.contains("1 metrics differ beyond 1.0E-9 relative: har_linear_cv_qlike ("), tamperedErr);
  }

  @Test
  void anUnknownRunIdIsOneLine() {
    assertEquals(CoinlakeMain.USAGE, unknownExit, unknownErr);
    assertEquals("coinlake: no MLflow run '0123456789abcdef0123456789abcdef' in " + dir.resolve("mlruns")
        + " (Run '0123456789abcdef0123456789abcdef' not found under " + dir.resolve("mlruns")
        + ".); pass the id of a training run, as printed by ./coinlake train", unknownErr.strip());
  }

  @Test
  void aRunWithoutRecordedInputsIsOneLineNamingWhatIsMissing() {
    assertEquals(CoinlakeMain.USAGE, olderExit, olderErr);
    assertEquals("coinlake: run " + olderRun + " cannot be reproduced: it lacks the params [as_of, training_table_delta_version,"
        + " gbt_max_iter, gbt_max_depth, gbt_step_size, gbt_subsampling_rate, gbt_seed, features, training_partitions]"
        + " (it was logged by an older coinlake, before training runs recorded their inputs)", olderErr.strip());
  }
}
