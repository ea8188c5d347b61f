package io.coinlake.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.LogicalWindow;
import io.coinlake.config.VolatilityTaskConfig;
import io.coinlake.features.VolatilityFeatures;
import io.coinlake.lake.Lake;
import io.coinlake.lake.LakeTable;
import io.coinlake.lake.ModelStaging;
import io.coinlake.lake.RecordKind;
import io.coinlake.quality.ValidateJob;
import io.coinlake.tracking.GitInfo;
import io.coinlake.tracking.ModelPromotion;
import io.coinlake.tracking.ModelRetention;
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
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.sql.SparkSession;

/**
 * Records a training in MLflow: a parent run (the selection, the refit model, lineage tags and
 * artifacts) with one child run per candidate (params, metrics per fold with step = fold, means),
 * then a new registered version; the champion alias moves (through {@link ModelPromotion}) only
 * when the new version is better. Then retention prunes the model files of old versions.
 */
final class TrainRunLogger {
  static final String CHAMPION = ModelPromotion.CHAMPION;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final SparkSession spark;
  private final Tracking tracking;
  private final CoinlakeConfig config;
  private final VolatilityTaskConfig task;
  private final Lake lake;
  private final LogicalWindow asOf;

  TrainRunLogger(SparkSession spark, Tracking tracking, CoinlakeConfig config, Lake lake, LogicalWindow asOf) {
    this.spark = spark;
    this.tracking = tracking;
    this.config = config;
    this.task = config.tasks().volatility();
    this.lake = lake;
    this.asOf = asOf;
  }

  TrainResult log(List<Candidate> candidates, List<Fold> folds, CvResult cv, Candidate winner, PipelineModel model, long rows) {
    var runs = tracking.runs();
    String experimentId = runs.getOrCreateExperiment(config.mlflow().experiment());
    String parent = runs.startRun(experimentId, "volatility-" + asOf.label(), null, lineageTags(winner));
    ModelVersion version;
    Optional<ModelVersion> champion;
    boolean moves;
    try {
      for (Candidate candidate : candidates) {
        logCandidate(experimentId, parent, candidate, cv);
      }
      runs.logParams(parent, parentParams(winner, folds, rows));
      FoldMetrics mean = cv.means().get(winner.name());
      for (String metric : Metrics.ALL) {
        runs.logMetric(parent, TrainRunKeys.cvMetric(metric), mean.get(metric), 0);
        for (Candidate c : candidates) {
          if (c.baseline()) {
            runs.logMetric(parent, TrainRunKeys.baselineCvMetric(c.name(), metric), cv.means().get(c.name()).get(metric), 0);
          }
        }
      }
      runs.logMetric(parent, TrainRunKeys.TRAINING_ROWS, rows, 0);
      String modelUri = logArtifacts(parent, winner, model);
      version = tracking.registry().createVersion(task.registeredModel(), modelUri, parent);
      champion = tracking.registry().getByAlias(task.registeredModel(), CHAMPION);
      moves = champion.isEmpty() || beats(mean.get(task.selectionMetric()), champion.get());
      if (moves) {
        new ModelPromotion(tracking.registry(), Clock.systemUTC()).promote(task.registeredModel(), version.version());
      }
      runs.setTags(parent, Map.of("coinlake.registered_version", Integer.toString(version.version()),
          "coinlake.champion_moved", Boolean.toString(moves)));
      runs.endRun(parent, RunStatus.FINISHED);
    } catch (RuntimeException e) {
      runs.endRun(parent, RunStatus.FAILED);
      throw e;
    }
    // after the run ended: it and its version are complete even if pruning old files fails
    PruneReport pruning = new ModelRetention(runs, tracking.registry(), Clock.systemUTC())
        .prune(task.registeredModel(), config.mlflow().keepModelVersions());
    return new TrainResult(task.selectionMetric(), winner.name(), cv.means(), rows, folds.size(), parent,
        version.version(), moves, champion.map(ModelVersion::version).orElse(null), pruning);
  }

  private void logCandidate(String experimentId, String parent, Candidate candidate, CvResult cv) {
    var runs = tracking.runs();
    String child = runs.startRun(experimentId, candidate.name(), parent,
        Map.of("coinlake.task", "volatility", "coinlake.model_family", candidate.family(),
            "coinlake.baseline", Boolean.toString(candidate.baseline())));
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
    runs.endRun(child, RunStatus.FINISHED);
  }

  /** Lower is better except for R²; compares with the champion's logged CV metric. */
  private boolean beats(double newValue, ModelVersion champion) {
    var history = tracking.runs().metricHistory(champion.runId(), TrainRunKeys.cvMetric(task.selectionMetric()));
    if (history.isEmpty()) {
      return true;
    }
    double current = history.get(history.size() - 1).value();
    return Metrics.higherIsBetter(task.selectionMetric()) ? newValue > current : newValue < current;
  }

  private Map<String, String> lineageTags(Candidate winner) {
    Map<String, String> tags = new LinkedHashMap<>();
    String commit = GitInfo.commit();
    tags.put("mlflow.source.git.commit", commit);
    tags.put("coinlake.git_commit", commit);
    tags.put("coinlake.spark_version", spark.version());
    tags.put("coinlake.task", "volatility");
    tags.put("coinlake.as_of", asOf.label());
    tags.put("coinlake.training_table", LakeTable.GOLD_FEATURES_VOLATILITY.qualifiedName());
    tags.put("coinlake.training_table_path", lake.path(LakeTable.GOLD_FEATURES_VOLATILITY));
    tags.put("coinlake.training_table_delta_version", Long.toString(lake.version(spark, LakeTable.GOLD_FEATURES_VOLATILITY)));
    tags.put(TrainRunKeys.SELECTED_MODEL_TAG, winner.name());
    return tags;
  }

  private Map<String, String> parentParams(Candidate winner, List<Fold> folds, long rows) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("horizon", Integer.toString(task.horizon()));
    params.put("cv_folds", Integer.toString(folds.size()));
    params.put("cv_purge_days", Integer.toString(task.cv().purgeDays()));
    params.put("cv_min_train_fraction", Double.toString(task.cv().minTrainFraction()));
    params.put("cv_first_validation_day", folds.get(0).validStart().toString());
    params.put(TrainRunKeys.SELECTION_METRIC, task.selectionMetric());
    params.put("qlike_floor", Double.toString(task.qlikeFloor()));
    params.put(TrainRunKeys.SELECTED_MODEL, winner.name());
    winner.params().forEach((k, v) -> params.put("selected." + k, v));
    return params;
  }

  /** Model (spark flavor), validation report and feature importances; returns the model's artifact URI. */
  private String logArtifacts(String runId, Candidate winner, PipelineModel model) {
    var runs = tracking.runs();
    Path dir = null;
    try {
      dir = Files.createTempDirectory("coinlake-model");
      Path modelDir = dir.resolve("model");
      ModelStaging.saveToLocal(spark, lake, model, runId, modelDir.resolve(SparkFlavor.MODEL_DATA));
      SparkFlavor.writeMLmodel(modelDir, runId, "model", spark.version());
      String modelUri = runs.logArtifacts(runId, modelDir, "model");
      Path importances = dir.resolve("feature_importances.json");
      Files.writeString(importances, JSON.writeValueAsString(importances(winner, model)));
      runs.logArtifacts(runId, importances, "feature_importances.json");
      copyValidationReport(dir).ifPresent(report -> runs.logArtifacts(runId, report, "validation_report.json"));
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

  private Optional<Path> copyValidationReport(Path dir) throws IOException {
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

  /** GBT: MLlib's importances per feature; HAR: the OLS coefficients; persistence: none. */
  static Map<String, Object> importances(Candidate winner, PipelineModel model) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", winner.name());
    for (Transformer stage : model.stages()) {
      if (stage instanceof GBTRegressionModel gbt) {
        out.put("feature_importances", byName(VolatilityFeatures.featureColumns(), gbt.featureImportances().toArray()));
      } else if (stage instanceof LinearRegressionModel lr) {
        out.put("coefficients", byName(VolatilityFeatures.harColumns(), lr.coefficients().toArray()));
        out.put("intercept", lr.intercept());
      }
    }
    return out;
  }

  private static Map<String, Double> byName(List<String> names, double[] values) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      out.put(names.get(i), values[i]);
    }
    return out;
  }
}
