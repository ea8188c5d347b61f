package io.coinlake.train;

import static io.coinlake.lake.Columns.PREDICTION;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.LogicalWindow;
import io.coinlake.lake.Lake;
import io.coinlake.lake.LakeTable;
import io.coinlake.lake.ModelStaging;
import io.coinlake.lake.RecordKind;
import io.coinlake.quality.ValidateJob;
import io.coinlake.tracking.GitInfo;
import io.coinlake.tracking.ModelPromotion;
import io.coinlake.tracking.ModelRetention;
import io.coinlake.tracking.ModelSignature;
import io.coinlake.tracking.MlflowTags;
import io.coinlake.tracking.ModelVersion;
import io.coinlake.tracking.PruneReport;
import io.coinlake.tracking.RunStatus;
import io.coinlake.tracking.SparkFlavor;
import io.coinlake.tracking.Tracking;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ml.dmlc.xgboost4j.scala.spark.XGBoostRegressionModel;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Records a training in MLflow: a parent run (the selection, the refit model, lineage tags, the
 * {@link TrainingSpec} as params, artifacts) with one child run per candidate (params, metrics per
 * fold with step = fold, means), then a new registered version; the champion alias moves (through
 * {@link ModelPromotion}) only when the new version is better, and retention prunes the model files
 * of old versions. A reproduction is logged the same way but registers nothing.
 */
final class TrainRunLogger {
  static final String CHAMPION = ModelPromotion.CHAMPION;
  /** Tag on a reproduction run: the id of the run it reproduces. */
  static final String REPRODUCES = "coinlake.reproduces";
  static final String REPRODUCED_EXACTLY = "coinlake.reproduced_exactly";
  static final String REPRODUCTION_MISMATCHES = "coinlake.reproduction_mismatches";
  static final String GIT_COMMIT = "coinlake.git_commit";
  static final String GIT_DIRTY = "coinlake.git_dirty";
  static final String SPARK_VERSION = "coinlake.spark_version";
  static final String TRAINING_TABLE_PATH = "coinlake.training_table_path";
  static final String TRAINING_ROWS = TrainRunKeys.TRAINING_ROWS;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final SparkSession spark;
  private final Tracking tracking;
  private final CoinlakeConfig config;
  private final Lake lake;

  TrainRunLogger(SparkSession spark, Tracking tracking, CoinlakeConfig config, Lake lake) {
    this.spark = spark;
    this.tracking = tracking;
    this.config = config;
    this.lake = lake;
  }

  /** The summary metrics of the parent run, and what a reproduction compares: every candidate's CV means, the winner's, the row count. */
  static Map<String, Double> summaryMetrics(CvResult cv, List<Candidate> candidates, Candidate winner, long rows) {
    Map<String, Double> out = new LinkedHashMap<>();
    FoldMetrics mean = cv.means().get(winner.name());
    for (String metric : Metrics.ALL) {
      out.put(TrainRunKeys.cvMetric(metric), mean.get(metric));
    }
    for (Candidate c : candidates) {
      for (String metric : Metrics.ALL) {
        out.put(TrainRunKeys.baselineCvMetric(c.name(), metric), cv.means().get(c.name()).get(metric));
      }
    }
    out.put(TRAINING_ROWS, (double) rows);
    return out;
  }

  TrainResult log(VolatilityTraining t) {
    var runs = tracking.runs();
    String registeredModel = config.tasks().volatility().registeredModel();
    String experimentId = runs.getOrCreateExperiment(config.mlflow().experiment());
    String parent = runs.startRun(experimentId, "volatility-" + t.spec().asOf().label(), null, lineageTags(t));
    String metric = t.spec().selectionMetric();
    ModelVersion version;
    Optional<ModelVersion> champion;
    boolean moves;
    try {
      String modelUri = logRun(experimentId, parent, t);
      double score = t.cv().means().get(t.winner().name()).get(metric);
      version = tracking.registry().createVersion(registeredModel, modelUri, parent);
      champion = tracking.registry().getByAlias(registeredModel, CHAMPION);
      moves = champion.isEmpty() || beats(metric, score, champion.get());
      if (moves) {
        new ModelPromotion(tracking.registry(), Clock.systemUTC()).promote(registeredModel, version.version());
      }
      runs.setTags(parent, Map.of(TrainRunKeys.REGISTERED_VERSION_TAG, Integer.toString(version.version()),
          "coinlake.champion_moved", Boolean.toString(moves)));
      runs.endRun(parent, RunStatus.FINISHED);
    } catch (RuntimeException e) {
      throw markFailed(parent, e);
    }
    // after the run ended: it and its version are complete even if pruning old files fails
    PruneReport pruning = new ModelRetention(runs, tracking.registry(), Clock.systemUTC())
        .prune(registeredModel, config.mlflow().keepModelVersions());
    return new TrainResult(metric, t.winner().name(), t.cv().means(), t.rows(), t.folds().size(), parent,
        version.version(), moves, champion.map(ModelVersion::version).orElse(null), pruning);
  }

  /**
   * Logs a reproduction of {@code originalRunId}: the same params, metrics, child runs and model
   * artifact, tagged {@value #REPRODUCES}; registers no version and leaves every alias alone.
   * Returns the new run's id.
   */
  String logReproduction(VolatilityTraining t, String originalRunId, List<String> mismatches) {
    var runs = tracking.runs();
    Map<String, String> tags = lineageTags(t);
    tags.put(REPRODUCES, originalRunId);
    tags.put(REPRODUCED_EXACTLY, Boolean.toString(mismatches.isEmpty()));
    if (!mismatches.isEmpty()) {
      String names = String.join(",", mismatches);
      tags.put(REPRODUCTION_MISMATCHES, names.length() > 4000 ? names.substring(0, 4000) + "..." : names);
    }
    String experimentId = runs.getOrCreateExperiment(config.mlflow().experiment());
    String run = runs.startRun(experimentId, "volatility-" + t.spec().asOf().label() + "-reproduction", null, tags);
    try {
      logRun(experimentId, run, t);
      runs.endRun(run, RunStatus.FINISHED);
      return run;
    } catch (RuntimeException e) {
      throw markFailed(run, e);
    }
  }

  /** Child runs, params, summary metrics and artifacts of a parent run; returns the model's artifact URI. */
  private String logRun(String experimentId, String parent, VolatilityTraining t) {
    var runs = tracking.runs();
    for (Candidate candidate : t.candidates()) {
      logCandidate(experimentId, parent, candidate, t.cv());
    }
    runs.logParams(parent, parentParams(t));
    summaryMetrics(t.cv(), t.candidates(), t.winner(), t.rows()).forEach((key, value) -> runs.logMetric(parent, key, value, 0));
    return logArtifacts(parent, t);
  }

  /** Marks the run FAILED on the tracking store and returns {@code e}; a failure to mark it is attached to {@code e}. */
  private RuntimeException markFailed(String runId, RuntimeException e) {
    try {
      tracking.runs().endRun(runId, RunStatus.FAILED);
    } catch (RuntimeException ending) {
      e.addSuppressed(ending);
    }
    return e;
  }

  private void logCandidate(String experimentId, String parent, Candidate candidate, CvResult cv) {
    var runs = tracking.runs();
    String child = runs.startRun(experimentId, candidate.name(), parent,
        Map.of("coinlake.task", "volatility", "coinlake.model_family", candidate.family(),
            "coinlake.baseline", Boolean.toString(candidate.baseline())));
    try {
      runs.logParams(child, candidate.params());
      for (FoldMetrics fold : cv.perFold().get(candidate.name())) {
        for (String metric : Metrics.ALL) {
          runs.logMetric(child, metric, fold.get(metric), fold.fold());
        }
        runs.logMetric(child, "validation_rows", fold.rows(), fold.fold());
      }
      FoldMetrics mean = cv.means().get(candidate.name());
      for (String metric : Metrics.ALL) {
        runs.logMetric(child, metric + "_mean", mean.get(metric), 0);
      }
    } catch (RuntimeException e) {
      throw markFailed(child, e);
    }
    runs.endRun(child, RunStatus.FINISHED);
  }

  /** Lower is better except for R²; compares with the champion's logged CV metric. */
  private boolean beats(String metric, double newValue, ModelVersion champion) {
    var history = tracking.runs().metricHistory(champion.runId(), TrainRunKeys.cvMetric(metric));
    if (history.isEmpty()) {
      return true;
    }
    double current = history.get(history.size() - 1).value();
    return Metrics.higherIsBetter(metric) ? newValue > current : newValue < current;
  }

  private Map<String, String> lineageTags(VolatilityTraining t) {
    Map<String, String> tags = new LinkedHashMap<>();
    String commit = GitInfo.commit();
    tags.put("mlflow.source.git.commit", commit);
    tags.put(GIT_COMMIT, commit);
    tags.put(GIT_DIRTY, GitInfo.dirty());
    tags.put(SPARK_VERSION, spark.version());
    tags.put("coinlake.task", "volatility");
    tags.put("coinlake.as_of", t.spec().asOf().label());
    tags.put("coinlake.training_table", LakeTable.GOLD_FEATURES_VOLATILITY.qualifiedName());
    tags.put(TRAINING_TABLE_PATH, lake.path(LakeTable.GOLD_FEATURES_VOLATILITY));
    // the version actually read: TrainingData reads the table at exactly this version
    tags.put("coinlake.training_table_delta_version", Long.toString(t.spec().tableVersion()));
    tags.put(TrainRunKeys.SELECTED_MODEL_TAG, t.winner().name());
    return tags;
  }

  private static Map<String, String> parentParams(VolatilityTraining t) {
    Map<String, String> params = new LinkedHashMap<>(t.spec().params());
    params.put("cv_first_validation_day", t.folds().get(0).validStart().toString());
    params.put(TrainRunKeys.SELECTED_MODEL, t.winner().name());
    t.winner().params().forEach((k, v) -> params.put("selected." + k, v));
    return params;
  }

  /**
   * Model (spark flavor with its signature), the training inputs, feature importances and the
   * validation report; returns the model's artifact URI.
   */
  private String logArtifacts(String runId, VolatilityTraining t) {
    var runs = tracking.runs();
    Path dir = null;
    try {
      dir = Files.createTempDirectory("coinlake-model");
      Path modelDir = dir.resolve("model");
      ModelStaging.saveToLocal(spark, lake, t.model(), runId, modelDir.resolve(SparkFlavor.MODEL_DATA));
      SparkFlavor.writeMLmodel(modelDir, runId, "model", spark.version(), signature(t.winner(), t.model(), t.data().schema()));
      String modelUri = runs.logArtifacts(runId, modelDir, "model");
      runs.setTags(runId, Map.of(MlflowTags.LOGGED_MODELS, SparkFlavor.loggedModelsTag(modelDir)));
      Path inputs = dir.resolve("training_inputs.json");
      Files.writeString(inputs, JSON.writeValueAsString(trainingInputs(t)));
      runs.logArtifacts(runId, inputs, "training_inputs.json");
      Path importances = dir.resolve("feature_importances.json");
      Files.writeString(importances, JSON.writeValueAsString(importances(t.winner(), t.model())));
      runs.logArtifacts(runId, importances, "feature_importances.json");
      copyValidationReport(dir, t.spec().asOf()).ifPresent(report -> runs.logArtifacts(runId, report, "validation_report.json"));
      return modelUri;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stage model artifacts: " + e.getMessage(), e);
    } finally {
      deleteQuietly(dir);
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir != null) {
      try {
        JavaUtils.deleteRecursively(dir.toFile());
      } catch (IOException e) {
        // a leftover temp folder is harmless
      }
    }
  }

  /** Inputs: the columns the fitted model reads, typed from the training rows; output: its prediction column. */
  static ModelSignature signature(Candidate winner, PipelineModel model, StructType trainingSchema) {
    StructType out = model.transformSchema(trainingSchema);
    return new ModelSignature(ModelSignature.columns(trainingSchema, winner.inputColumns()),
        ModelSignature.columns(out, List.of(PREDICTION)));
  }

  /** The same record as the params, as one JSON document, with the table's path and the code version. */
  private Map<String, Object> trainingInputs(VolatilityTraining t) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("training_table", LakeTable.GOLD_FEATURES_VOLATILITY.qualifiedName());
    out.put("training_table_path", lake.path(LakeTable.GOLD_FEATURES_VOLATILITY));
    out.put("training_table_delta_version", t.spec().tableVersion());
    out.put("as_of", t.spec().asOf().label());
    out.put("features", t.spec().features());
    out.put("params", t.spec().params());
    out.put("git_commit", GitInfo.commit());
    out.put("git_dirty", GitInfo.dirty());
    out.put("spark_version", spark.version());
    return out;
  }

  private Optional<Path> copyValidationReport(Path dir, LogicalWindow asOf) throws IOException {
    org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(ValidateJob.reportPath(lake, RecordKind.OHLCV, asOf));
    FileSystem fs = source.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (!fs.exists(source)) {
      source = new org.apache.hadoop.fs.Path(ValidateJob.reportPath(lake, RecordKind.OHLCV, LogicalWindow.all()));
      if (!fs.exists(source)) {
        return Optional.empty();
      }
    }
    Path target = dir.resolve("validation_report.json");
    fs.copyToLocalFile(false, source, new org.apache.hadoop.fs.Path(target.toUri()), true);
    return Optional.of(target);
  }

  /**
   * GBT: importances per feature summing to 1 (MLlib's own; XGBoost's total gain per feature,
   * normalized, 0 for a feature no split uses); HAR: the OLS coefficients; persistence: none.
   */
  static Map<String, Object> importances(Candidate winner, PipelineModel model) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", winner.name());
    for (Transformer stage : model.stages()) {
      if (stage instanceof GBTRegressionModel gbt) {
        out.put("feature_importances", byName(winner.inputColumns(), gbt.featureImportances().toArray()));
      } else if (stage instanceof XGBoostRegressionModel xgb) {
        out.put("feature_importances", xgboostImportances(winner.inputColumns(), xgb));
      } else if (stage instanceof LinearRegressionModel lr) {
        out.put("coefficients", byName(winner.inputColumns(), lr.coefficients().toArray()));
        out.put("intercept", lr.intercept());
      }
    }
    return out;
  }

  private static Map<String, Double> xgboostImportances(List<String> features, XGBoostRegressionModel model) {
    String[] names = features.toArray(String[]::new);
    Map<String, Object> gains;
    try {
      gains = scala.collection.JavaConverters.mapAsJavaMap(model.nativeBooster().getScore(names, "total_gain"));
    } catch (ml.dmlc.xgboost4j.java.XGBoostError e) {
      throw new TrainingException("cannot read the XGBoost model's feature importances: " + e.getMessage(), e);
    }
    double total = gains.values().stream().mapToDouble(v -> ((Number) v).doubleValue()).sum();
    double[] values = new double[names.length];
    for (int i = 0; i < names.length; i++) {
      Object gain = gains.get(names[i]);
      values[i] = gain == null || total <= 0 ? 0.0 : ((Number) gain).doubleValue() / total;
    }
    return byName(features, values);
  }

  private static Map<String, Double> byName(List<String> names, double[] values) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      out.put(names.get(i), values[i]);
    }
    return out;
  }
}
