package io.coinlake.orchestrate;

import static io.coinlake.lake.Columns.*;

import io.coinlake.lake.DeltaWrites;
import io.coinlake.lake.Lake;
import io.coinlake.lake.LakeTable;
import io.delta.tables.DeltaTable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Run history in the lake: ops.dag_runs (one row per run, updated in place) and ops.task_runs (one row per attempt). */
public final class DeltaRunHistory implements RunHistory {
  static final StructType DAG_RUNS = new StructType()
      .add(RUN_ID, DataTypes.StringType, false).add(DAG_ID, DataTypes.StringType).add(LOGICAL_DATE, DataTypes.DateType)
      .add(TRIGGER, DataTypes.StringType).add(RUN_STATUS, DataTypes.StringType).add(STARTED_AT, DataTypes.TimestampType)
      .add(ENDED_AT, DataTypes.TimestampType).add(RUN_ERROR, DataTypes.StringType);
  static final StructType TASK_RUNS = new StructType()
      .add(RUN_ID, DataTypes.StringType, false).add(LOGICAL_DATE, DataTypes.DateType).add(TASK, DataTypes.StringType, false)
      .add(ATTEMPT, DataTypes.IntegerType, false).add(RUN_STATUS, DataTypes.StringType).add(STARTED_AT, DataTypes.TimestampType)
      .add(ENDED_AT, DataTypes.TimestampType).add(ROWS_IN, DataTypes.LongType).add(ROWS_OUT, DataTypes.LongType)
      .add(RUN_ERROR, DataTypes.StringType);

  private final SparkSession spark;
  private final Lake lake;

  public DeltaRunHistory(SparkSession spark, Lake lake) {
    this.spark = spark;
    this.lake = lake;
  }

  @Override
  public void saveRun(DagRun r) {
    Row row = RowFactory.create(r.runId(), r.dagId(), date(r), r.trigger(), r.status(), ts(r.startedAt()), ts(r.endedAt()), r.error());
    DeltaWrites.merge(spark, lake, LakeTable.OPS_DAG_RUNS, spark.createDataFrame(List.of(row), DAG_RUNS), List.of(), null);
  }

  @Override
  public void addTaskRun(TaskRun t) {
    Row row = RowFactory.create(t.runId(), t.logicalDate() == null ? null : Date.valueOf(t.logicalDate()), t.task(), t.attempt(),
        t.status(), ts(t.startedAt()), ts(t.endedAt()), t.rowsIn(), t.rowsOut(), t.error());
    DeltaWrites.append(lake, LakeTable.OPS_TASK_RUNS, spark.createDataFrame(List.of(row), TASK_RUNS));
  }

  @Override
  public Optional<DagRun> run(String runId) {
    if (!exists(LakeTable.OPS_DAG_RUNS)) {
      return Optional.empty();
    }
    return lake.read(spark, LakeTable.OPS_DAG_RUNS).where(functions.col(RUN_ID).equalTo(runId)).collectAsList().stream()
        .findFirst().map(DeltaRunHistory::dagRun);
  }

  @Override
  public List<TaskRun> taskRuns(String runId) {
    if (!exists(LakeTable.OPS_TASK_RUNS)) {
      return List.of();
    }
    return lake.read(spark, LakeTable.OPS_TASK_RUNS).where(functions.col(RUN_ID).equalTo(runId)).collectAsList().stream()
        .map(DeltaRunHistory::taskRun).toList();
  }

  @Override
  public List<DagRun> unfinishedRuns() {
    if (!exists(LakeTable.OPS_DAG_RUNS)) {
      return List.of();
    }
    return lake.read(spark, LakeTable.OPS_DAG_RUNS).where(functions.col(RUN_STATUS).equalTo(DagRun.RUNNING))
        .orderBy(functions.col(STARTED_AT), functions.col(RUN_ID)).collectAsList().stream().map(DeltaRunHistory::dagRun).toList();
  }

  @Override
  public List<DagRun> recentRuns(int limit) {
    if (!exists(LakeTable.OPS_DAG_RUNS)) {
      return List.of();
    }
    return lake.read(spark, LakeTable.OPS_DAG_RUNS).orderBy(functions.col(STARTED_AT).desc(), functions.col(RUN_ID).desc())
        .limit(limit).collectAsList().stream().map(DeltaRunHistory::dagRun).toList();
  }

  private boolean exists(LakeTable table) {
    return DeltaTable.isDeltaTable(spark, lake.path(table));
  }

  private static DagRun dagRun(Row r) {
    Date day = r.getAs(LOGICAL_DATE);
    return new DagRun(r.getAs(RUN_ID), r.getAs(DAG_ID), day == null ? null : day.toLocalDate(), r.getAs(TRIGGER), r.getAs(RUN_STATUS),
        instant(r.getAs(STARTED_AT)), instant(r.getAs(ENDED_AT)), r.getAs(RUN_ERROR));
  }

  private static TaskRun taskRun(Row r) {
    Date day = r.getAs(LOGICAL_DATE);
    return new TaskRun(r.getAs(RUN_ID), day == null ? null : day.toLocalDate(), r.getAs(TASK), r.<Integer>getAs(ATTEMPT),
        r.getAs(RUN_STATUS), instant(r.getAs(STARTED_AT)), instant(r.getAs(ENDED_AT)), r.<Long>getAs(ROWS_IN), r.<Long>getAs(ROWS_OUT),
        r.getAs(RUN_ERROR));
  }

  private static Date date(DagRun r) {
    return r.logicalDate() == null ? null : Date.valueOf(r.logicalDate());
  }

  private static Timestamp ts(Instant i) {
    return i == null ? null : Timestamp.from(i);
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
