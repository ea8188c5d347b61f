package io.coinlake.monitor;

import static io.coinlake.lake.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.LogicalWindow;
import io.coinlake.config.MonitoringConfig;
import io.coinlake.lake.Lake;
import io.coinlake.lake.LakeTable;
import io.coinlake.tracking.Tracking;
import io.coinlake.train.TrainingData;
import io.coinlake.train.TrainingSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Report: the volatility champion's training rows (reference) against the newest data (current
 * window) -> feature drift, prediction drift, target drift and model quality -> {@code
 * <reportsDir>/<date>/volatility.html} and {@code .json}, the index page, an MLflow run of
 * {@code <experiment>-monitoring} holding both, an alert when the dataset drifted or the model
 * degraded, and a row of ops.monitoring. A failing alert webhook is recorded, never fatal.
 */
public final class ReportVolatilityJob {
  public static final String TASK = "volatility";
  /**
   * Predictions served over the champion's training period are the reference for prediction drift
   * only when there are at least this many; with fewer (scoring writes one per symbol and date) the
   * champion's out-of-fold predictions in gold.backtest are.
   */
  public static final long MIN_SERVED_REFERENCE = 100;

  private ReportVolatilityJob() {}

  public static ReportResult run(SparkSession spark, CoinlakeConfig config, LogicalWindow window) {
    return run(spark, config, window, System.getenv(), Clock.systemUTC());
  }

  /** {@code env} supplies the tracking URI and alert webhook variables; {@code clock} only stamps reported_at. */
  public static ReportResult run(SparkSession spark, CoinlakeConfig config, LogicalWindow window, Map<String, String> env, Clock clock) {
    MonitoringConfig monitoring = config.monitoring();
    String modelName = config.tasks().volatility().registeredModel();
    Lake lake = new Lake(config.lake().root());

    // 1. the champion and the training inputs its run recorded
    Tracking tracking = Tracking.open(config.mlflow(), config.s3(), env);
    ChampionRun champion = ChampionRun.read(tracking, modelName, Tracking.effectiveUri(config.mlflow(), env));
    TrainingSpec spec = champion.spec();

    // 2. the current window: up to the logical date, else up to the newest served prediction
    Dataset<Row> served = lake.read(spark, LakeTable.GOLD_PREDICTIONS)
        .where(col(MODEL_NAME).equalTo(modelName).and(col(HORIZON).equalTo(spec.horizon())));
    ReportWindow current = ReportWindow.of(window, window.to() == null ? newestDay(served, modelName, spec.horizon()) : null,
        monitoring.currentWindowDays());

    // 3. the rows compared: the exact training rows, the window's feature rows and predictions
    List<Column> monitored = new ArrayList<>();
    spec.features().forEach(f -> monitored.add(col(f)));
    monitored.add(col(LABEL));
    Dataset<Row> reference = TrainingData.read(spark, lake, spec).select(monitored.toArray(Column[]::new)).cache();
    List<Column> keyed = new ArrayList<>(List.of(col(SYMBOL), col(TS)));
    keyed.addAll(monitored);
    Dataset<Row> currentRows = lake.read(spark, LakeTable.GOLD_FEATURES_VOLATILITY).where(current.sqlCondition(TS))
        .select(keyed.toArray(Column[]::new)).cache();
    Dataset<Row> currentPredictions = served.where(current.sqlCondition(TS)).select(SYMBOL, TS, PREDICTION).cache();
    try {
      long referenceCount = reference.count();
      long currentCount = currentRows.count();
      if (currentCount == 0) {
        throw new MonitoringException(LakeTable.GOLD_FEATURES_VOLATILITY.qualifiedName() + " has no row in the report window " + current
            + "; validate and build features up to that date first (./coinlake validate --date " + current.end()
            + ", then ./coinlake features --date " + current.end() + ") or pick another --date");
      }

      // 4. feature drift and, once labels matured, target drift in one pass (the drift tests skip the null labels)
      boolean labelsMatured = !currentRows.where(col(LABEL).isNotNull()).isEmpty();
      List<ColumnSpec> compared = new ArrayList<>(ColumnSpec.numerical(spec.features()));
      if (labelsMatured) {
        compared.add(ColumnSpec.numerical(LABEL));
      }
      DriftReport drift = DataDrift.compare(reference, currentRows, compared, monitoring);
      DriftReport features = new DriftReport(drift.driftShare(), drift.columns().subList(0, spec.features().size()));
      ColumnReport target = labelsMatured ? drift.column(LABEL).orElseThrow() : null;

      // 5. prediction drift and model quality
      PredictionDrift prediction = predictionDrift(spark, lake, served, currentPredictions, champion, current, monitoring);
      ModelQuality.Result quality = ModelQuality.evaluate(currentPredictions, currentRows, monitoring.qualityPeriod(), spec.qlikeFloor(),
          champion.cv(), monitoring.degradationFactor());
      ReportSubject subject = new ReportSubject(TASK, current, modelName, champion.version().version(), champion.version().runId(),
          champion.selectedModel(), spec.horizon(), spec.tableVersion(), spec.asOf().label(), referenceCount, currentCount);
      return publish(spark, config, lake, tracking, new MonitoringReport(subject, features, prediction, target, quality), env, clock);
    } finally {
      reference.unpersist();
      currentRows.unpersist();
      currentPredictions.unpersist();
    }
  }

  /** 6. the files, 7. the MLflow run, 8. the alert, 9. the ops.monitoring row. */
  private static ReportResult publish(SparkSession spark, CoinlakeConfig config, Lake lake, Tracking tracking, MonitoringReport report,
      Map<String, String> env, Clock clock) {
    MonitoringConfig monitoring = config.monitoring();
    String html = ReportHtml.render(report);
    String json = ReportJson.write(report);
    ReportFiles.Written files = ReportFiles.at(spark, monitoring.reportsDir()).write(report, html, json);

    MonitoringRunLogger logger = new MonitoringRunLogger(tracking.runs());
    String runId;
    Path local = null;
    try {
      local = Files.createTempDirectory("coinlake-report");
      Files.writeString(local.resolve(report.subject().task() + ".html"), html, StandardCharsets.UTF_8);
      Files.writeString(local.resolve(report.subject().task() + ".json"), json, StandardCharsets.UTF_8);
      runId = logger.start(config.mlflow().experiment(), report, monitoring.degradationFactor(), local);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stage the report in a local folder for MLflow: " + e.getMessage(), e);
    } finally {
      deleteQuietly(local);
    }

    String alert = ReportAlert.dispatch(report, files.html(), monitoring.alerts(), env);
    logger.finish(runId, alert);
    MonitoringTable.write(spark, lake, MonitoringTable.row(report, alert, files.html(), runId, clock.instant()));

    ReportSubject s = report.subject();
    DriftReport f = report.features();
    return new ReportResult(s.reportDate(), s.task(), s.window(), files.html(), files.json(), files.index(), s.referenceRows(),
        s.currentRows(), f.numberOfDriftedColumns(), f.numberOfColumns(), f.shareOfDriftedColumns(), f.driftShare(), f.datasetDrift(),
        report.prediction().measured() ? report.prediction().detected() : null, report.quality().labeledRows(), report.degraded(),
        alert, runId);
  }

  /**
   * The prediction reference: predictions served over the champion's training period (before the
   * window) when there are at least {@value #MIN_SERVED_REFERENCE}, else the champion's out-of-fold
   * predictions of its training (gold.backtest), else whatever was served.
   */
  private static PredictionDrift predictionDrift(SparkSession spark, Lake lake, Dataset<Row> served, Dataset<Row> currentPredictions,
      ChampionRun champion, ReportWindow current, MonitoringConfig monitoring) {
    TrainingSpec spec = champion.spec();
    Dataset<Row> servedBefore = served.where(spec.asOf().sqlCondition(TS))
        .where(expr(TS + " < TIMESTAMP '" + current.start() + " 00:00:00'")).select(PREDICTION);
    long servedCount = servedBefore.count();
    Dataset<Row> reference = servedBefore;
    String source = PredictionDrift.FROM_PREDICTIONS;
    long referenceCount = servedCount;
    if (servedCount < MIN_SERVED_REFERENCE && lake.exists(spark, LakeTable.GOLD_BACKTEST)) {
      Dataset<Row> backtest = lake.read(spark, LakeTable.GOLD_BACKTEST)
          .where(col(AS_OF).equalTo(spec.asOf().label()).and(col(MODEL).equalTo(champion.selectedModel())))
          .select(col(Y_PRED).as(PREDICTION));
      long backtestCount = backtest.count();
      if (backtestCount > 0) {
        reference = backtest;
        source = PredictionDrift.FROM_BACKTEST;
        referenceCount = backtestCount;
      }
    }
    long currentCount = currentPredictions.count();
    if (referenceCount == 0 || currentCount == 0) {
      return new PredictionDrift(null, source, referenceCount, currentCount);
    }
    ColumnReport column = DataDrift.compare(reference, currentPredictions.select(PREDICTION), List.of(ColumnSpec.numerical(PREDICTION)),
        monitoring).columns().get(0);
    return new PredictionDrift(column, source, referenceCount, currentCount);
  }

  private static LocalDate newestDay(Dataset<Row> served, String modelName, int horizon) {
    Row newest = served.agg(to_date(max(col(TS)))).first();
    if (newest.isNullAt(0)) {
      throw new MonitoringException(LakeTable.GOLD_PREDICTIONS.qualifiedName() + " holds no prediction of " + modelName + " (horizon "
          + horizon + "); run ./coinlake score first, or give the report a --date");
    }
    return newest.getDate(0).toLocalDate();
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try {
      JavaUtils.deleteRecursively(dir.toFile());
    } catch (IOException e) {
      // a leftover temp folder is harmless
    }
  }
}
