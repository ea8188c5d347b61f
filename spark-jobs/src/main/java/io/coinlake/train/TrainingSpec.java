package io.coinlake.train;

import io.coinlake.config.CvConfig;
import io.coinlake.config.GbtGrid;
import io.coinlake.config.LogicalWindow;
import io.coinlake.config.VolatilityTaskConfig;
import io.coinlake.features.VolatilityFeatures;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything that decides what a volatility training computes, and nothing else: which rows
 * (the training table's Delta version and the logical as-of date), how they are laid out before
 * fitting (partitions), the feature list, the label horizon, the CV cut, the GBT engine, grid and
 * seed, the QLIKE floor and the selection metric. A run logs it as MLflow params ({@link #params()}), and
 * {@code train --reproduce} rebuilds it from them ({@link #fromParams}), never from today's config.
 */
public record TrainingSpec(
    LogicalWindow asOf,
    long tableVersion,
    int horizon,
    CvConfig cv,
    GbtGrid gbt,
    String selectionMetric,
    double qlikeFloor,
    List<String> features,
    int trainingPartitions) {

  /**
   * How many partitions the training rows are hash-partitioned into (on symbol, ts) and sorted
   * within, for MLlib's GBT: it samples and bins per partition, so this and the order fix the fit.
   * XGBoost instead gets one partition per worker (see {@link #of}), each worker's rows in a fixed
   * order, so it never repartitions them itself (its own shuffle would order rows by arrival).
   */
  public static final int DEFAULT_TRAINING_PARTITIONS = 8;

  public static final String AS_OF = "as_of";
  public static final String TABLE_VERSION = "training_table_delta_version";
  public static final String HORIZON = "horizon";
  public static final String CV_FOLDS = "cv_folds";
  public static final String CV_PURGE_DAYS = "cv_purge_days";
  public static final String CV_MIN_TRAIN_FRACTION = "cv_min_train_fraction";
  public static final String GBT_MAX_ITER = "gbt_max_iter";
  public static final String GBT_MAX_DEPTH = "gbt_max_depth";
  public static final String GBT_STEP_SIZE = "gbt_step_size";
  public static final String GBT_SUBSAMPLING_RATE = "gbt_subsampling_rate";
  public static final String GBT_SEED = "gbt_seed";
  public static final String GBT_ENGINE = "gbt_engine";
  public static final String GBT_XGBOOST_FIT = "gbt_xgboost_fit";
  public static final String SELECTION_METRIC = "selection_metric";
  public static final String QLIKE_FLOOR = "qlike_floor";
  public static final String FEATURES = "features";
  public static final String TRAINING_PARTITIONS = "training_partitions";
  /** Every param a reproducible run carries, in logging order. */
  public static final List<String> PARAM_KEYS = List.of(AS_OF, TABLE_VERSION, HORIZON, CV_FOLDS, CV_PURGE_DAYS,
      CV_MIN_TRAIN_FRACTION, GBT_ENGINE, GBT_XGBOOST_FIT, GBT_MAX_ITER, GBT_MAX_DEPTH, GBT_STEP_SIZE, GBT_SUBSAMPLING_RATE, GBT_SEED,
      SELECTION_METRIC, QLIKE_FLOOR, FEATURES, TRAINING_PARTITIONS);
  /** Params added after runs began recording their inputs, with the value a run that lacks them used. */
  public static final Map<String, String> LATER_PARAM_DEFAULTS = Map.of(GBT_ENGINE, GbtGrid.MLLIB, GBT_XGBOOST_FIT, GbtGrid.FIT_SPARK);

  public TrainingSpec {
    if (asOf == null || asOf.from() != null) {
      throw new IllegalArgumentException("asOf must be an upper bound only (LogicalWindow.upToEnd()), got " + asOf);
    }
    if (tableVersion < 0) {
      throw new IllegalArgumentException("tableVersion must be >= 0, got " + tableVersion);
    }
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon must be positive, got " + horizon);
    }
    if (cv == null || gbt == null) {
      throw new IllegalArgumentException("cv and gbt are required");
    }
    if (GbtGrid.FIT_AUTO.equals(gbt.xgboostFit())) {
      throw new IllegalArgumentException("gbt.xgboostFit must be resolved (driver or spark) in a training spec, got auto");
    }
    if (!VolatilityTaskConfig.METRICS.contains(selectionMetric)) {
      throw new IllegalArgumentException("selectionMetric must be one of " + VolatilityTaskConfig.METRICS + ", got '" + selectionMetric + "'");
    }
    if (!(qlikeFloor > 0)) {
      throw new IllegalArgumentException("qlikeFloor must be positive, got " + qlikeFloor);
    }
    if (features == null || features.isEmpty() || features.stream().anyMatch(f -> f == null || f.isBlank())) {
      throw new IllegalArgumentException("features must name at least one column, got " + features);
    }
    features = List.copyOf(features);
    if (trainingPartitions < 1) {
      throw new IllegalArgumentException("trainingPartitions must be positive, got " + trainingPartitions);
    }
  }

  /**
   * Today's settings: the task config, this code's feature list, and the table version to read.
   * With the XGBoost engine the rows are laid out in {@code xgboostWorkers} partitions, one per
   * worker (the task slots of the application, {@link XgboostWorkers#available}); with MLlib in
   * {@value #DEFAULT_TRAINING_PARTITIONS}. An XGBoost fit in the driver uses one thread per such
   * worker. {@code xgboostFit: auto} is resolved here: driver when {@code localMaster}.
   */
  public static TrainingSpec of(VolatilityTaskConfig task, LogicalWindow window, long tableVersion, int xgboostWorkers,
      boolean localMaster) {
    int partitions = GbtGrid.XGBOOST.equals(task.gbt().engine()) ? xgboostWorkers : DEFAULT_TRAINING_PARTITIONS;
    return new TrainingSpec(window.upToEnd(), tableVersion, task.horizon(), task.cv(), task.gbt().resolved(localMaster),
        task.selectionMetric(), task.qlikeFloor(), VolatilityFeatures.featureColumns(), partitions);
  }

  /** {@link #of(VolatilityTaskConfig, LogicalWindow, long, int, boolean)} as on a cluster (auto = spark). */
  public static TrainingSpec of(VolatilityTaskConfig task, LogicalWindow window, long tableVersion, int xgboostWorkers) {
    return of(task, window, tableVersion, xgboostWorkers, false);
  }

  /** The MLflow params (string values that parse back exactly; doubles by {@link Double#toString}). */
  public Map<String, String> params() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(AS_OF, asOf.label());
    p.put(TABLE_VERSION, Long.toString(tableVersion));
    p.put(HORIZON, Integer.toString(horizon));
    p.put(CV_FOLDS, Integer.toString(cv.folds()));
    p.put(CV_PURGE_DAYS, Integer.toString(cv.purgeDays()));
    p.put(CV_MIN_TRAIN_FRACTION, Double.toString(cv.minTrainFraction()));
    p.put(GBT_ENGINE, gbt.engine());
    p.put(GBT_XGBOOST_FIT, gbt.xgboostFit());
    p.put(GBT_MAX_ITER, join(gbt.maxIter()));
    p.put(GBT_MAX_DEPTH, join(gbt.maxDepth()));
    p.put(GBT_STEP_SIZE, join(gbt.stepSize()));
    p.put(GBT_SUBSAMPLING_RATE, Double.toString(gbt.subsamplingRate()));
    p.put(GBT_SEED, Long.toString(gbt.seed()));
    p.put(SELECTION_METRIC, selectionMetric);
    p.put(QLIKE_FLOOR, Double.toString(qlikeFloor));
    p.put(FEATURES, String.join(",", features));
    p.put(TRAINING_PARTITIONS, Integer.toString(trainingPartitions));
    return p;
  }

  /**
   * The spec a run recorded. Fails with one line naming the run and every missing param (a run
   * logged before runs recorded their inputs) or the param whose value does not parse.
   */
  public static TrainingSpec fromParams(String runId, Map<String, String> params) {
    List<String> missing = PARAM_KEYS.stream().filter(k -> !params.containsKey(k) && !LATER_PARAM_DEFAULTS.containsKey(k)).toList();
    if (!missing.isEmpty()) {
      throw new TrainingException("run " + runId + " cannot be reproduced: it lacks the params " + missing
          + " (it was logged by an older coinlake, before training runs recorded their inputs)");
    }
    Parser p = new Parser(runId, params);
    try {
      return new TrainingSpec(
          p.get(AS_OF, TrainingSpec::window),
          p.get(TABLE_VERSION, Long::parseLong),
          p.get(HORIZON, Integer::parseInt),
          new CvConfig(p.get(CV_FOLDS, Integer::parseInt), p.get(CV_PURGE_DAYS, Integer::parseInt),
              p.get(CV_MIN_TRAIN_FRACTION, Double::parseDouble)),
          new GbtGrid(params.getOrDefault(GBT_ENGINE, LATER_PARAM_DEFAULTS.get(GBT_ENGINE)),
              p.get(GBT_MAX_ITER, s -> list(s, Integer::parseInt)), p.get(GBT_MAX_DEPTH, s -> list(s, Integer::parseInt)),
              p.get(GBT_STEP_SIZE, s -> list(s, Double::parseDouble)), p.get(GBT_SUBSAMPLING_RATE, Double::parseDouble),
              p.get(GBT_SEED, Long::parseLong), params.getOrDefault(GBT_XGBOOST_FIT, LATER_PARAM_DEFAULTS.get(GBT_XGBOOST_FIT))),
          params.get(SELECTION_METRIC),
          p.get(QLIKE_FLOOR, Double::parseDouble),
          Arrays.asList(params.get(FEATURES).split(",")),
          p.get(TRAINING_PARTITIONS, Integer::parseInt));
    } catch (IllegalArgumentException e) {
      throw new TrainingException("run " + runId + " cannot be reproduced: its recorded params are invalid: " + e.getMessage(), e);
    }
  }

  private static LogicalWindow window(String label) {
    return label.equals("all") ? LogicalWindow.all() : LogicalWindow.asOf(LocalDate.parse(label));
  }

  private static String join(List<? extends Number> values) {
    return String.join(",", values.stream().map(String::valueOf).toList());
  }

  private static <T> List<T> list(String csv, Function<String, T> parse) {
    List<T> out = new ArrayList<>();
    for (String part : csv.split(",")) {
      out.add(parse.apply(part.trim()));
    }
    return out;
  }

  /** Parses one param, naming it when its value is not of its type. */
  private record Parser(String runId, Map<String, String> params) {
    <T> T get(String key, Function<String, T> parse) {
      String value = params.get(key);
      try {
        return parse.apply(value);
      } catch (NumberFormatException | DateTimeParseException e) {
        throw new TrainingException("run " + runId + " cannot be reproduced: param " + key + "='" + value + "' is not valid", e);
      }
    }
  }
}
