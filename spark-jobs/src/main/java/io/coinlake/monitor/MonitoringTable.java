package io.coinlake.monitor;

import static io.coinlake.lake.Columns.*;

import io.coinlake.lake.DeltaWrites;
import io.coinlake.lake.Lake;
import io.coinlake.lake.LakeTable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * ops.monitoring: the headline numbers of every report, one row per (report date, task); writing
 * a report of the same date again replaces its row (an overwrite of that slice, one Delta commit). Error columns are null until labels
 * have matured; prediction drift columns are null when the window held no prediction.
 */
final class MonitoringTable {
  static final StructType SCHEMA = new StructType()
      .add(REPORT_DATE, DataTypes.DateType, false).add(TASK, DataTypes.StringType, false)
      .add(WINDOW_START, DataTypes.DateType).add(WINDOW_END, DataTypes.DateType)
      .add(MODEL_NAME, DataTypes.StringType).add(MODEL_VERSION, DataTypes.IntegerType)
      .add(REFERENCE_TABLE_VERSION, DataTypes.LongType).add(REFERENCE_AS_OF, DataTypes.StringType)
      .add(REFERENCE_ROWS, DataTypes.LongType).add(CURRENT_ROWS, DataTypes.LongType)
      .add(MONITORED_COLUMNS, DataTypes.IntegerType).add(DRIFTED_COLUMNS, DataTypes.IntegerType)
      .add(DRIFTED_SHARE, DataTypes.DoubleType).add(DRIFT_SHARE_THRESHOLD, DataTypes.DoubleType)
      .add(DATASET_DRIFT, DataTypes.BooleanType).add(DRIFTED_COLUMN_NAMES, DataTypes.StringType)
      .add(PREDICTION_DRIFT_TEST, DataTypes.StringType).add(PREDICTION_DRIFT_SCORE, DataTypes.DoubleType)
      .add(PREDICTION_DRIFT_THRESHOLD, DataTypes.DoubleType).add(PREDICTION_DRIFT, DataTypes.BooleanType)
      .add(LABELED_ROWS, DataTypes.LongType)
      .add(RMSE, DataTypes.DoubleType).add(MAE, DataTypes.DoubleType).add(QLIKE, DataTypes.DoubleType)
      .add(CV_RMSE, DataTypes.DoubleType).add(CV_MAE, DataTypes.DoubleType).add(CV_QLIKE, DataTypes.DoubleType)
      .add(DEGRADATION_FACTOR, DataTypes.DoubleType).add(DEGRADED, DataTypes.BooleanType)
      .add(ALERT_STATUS, DataTypes.StringType).add(REPORT_PATH, DataTypes.StringType).add(MLFLOW_RUN_ID, DataTypes.StringType)
      .add(REPORTED_AT, DataTypes.TimestampType);

  private MonitoringTable() {}

  static Row row(MonitoringReport report, String alertStatus, String reportPath, String mlflowRunId, Instant reportedAt) {
    ReportSubject s = report.subject();
    DriftReport f = report.features();
    PredictionDrift p = report.prediction();
    ColumnDrift pd = p.measured() ? p.column().drift() : null;
    ErrorMetrics now = report.quality().overall();
    Degradation d = report.quality().degradation();
    return RowFactory.create(Date.valueOf(s.reportDate()), s.task(), Date.valueOf(s.window().start()), Date.valueOf(s.window().end()),
        s.modelName(), s.modelVersion(), s.referenceTableVersion(), s.referenceAsOf(), s.referenceRows(), s.currentRows(),
        f.numberOfColumns(), f.numberOfDriftedColumns(), f.shareOfDriftedColumns(), f.driftShare(), f.datasetDrift(),
        String.join(",", f.driftedColumns()),
        pd == null ? null : pd.stattest().id(), pd == null ? null : finite(pd.score()), pd == null ? null : pd.threshold(),
        pd == null ? null : pd.detected(),
        report.quality().labeledRows(),
        now == null ? null : finite(now.rmse()), now == null ? null : finite(now.mae()), now == null ? null : finite(now.qlike()),
        finite(d.cv().rmse()), finite(d.cv().mae()), finite(d.cv().qlike()),
        d.factor(), d.judged() ? d.degraded() : null,
        alertStatus, reportPath, mlflowRunId, Timestamp.from(reportedAt));
  }

  static void write(SparkSession spark, Lake lake, Row row) {
    String slice = REPORT_DATE + " = DATE '" + row.getDate(0) + "' AND " + TASK + " = '" + row.getString(1).replace("'", "''") + "'";
    DeltaWrites.overwrite(lake, LakeTable.OPS_MONITORING, spark.createDataFrame(List.of(row), SCHEMA), slice);
  }

  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
