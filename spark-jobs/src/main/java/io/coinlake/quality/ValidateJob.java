package io.coinlake.quality;

import static io.coinlake.lake.Columns.*;
import static org.apache.spark.sql.functions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.LogicalWindow;
import io.coinlake.ingest.TickBars;
import io.coinlake.lake.DeltaWrites;
import io.coinlake.lake.Lake;
import io.coinlake.lake.LakeFiles;
import io.coinlake.lake.LakeTable;
import io.coinlake.lake.RecordKind;
import io.coinlake.lake.TableColumns;
import io.coinlake.lake.UncompressedCache;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * Validate: bronze rows of one record kind in the window -> the kind's contract -> silver
 * (accepted, with warning flags) + quarantine (rejected, with the reason) + a JSON validation
 * report. The window's slice of silver is replaced, so re-running leaves the same rows. An
 * error-level check below its threshold fails the task after the writes.
 */
public final class ValidateJob {
  public static final String REPORT_DIR = "_reports/validation";
  /**
   * Where the checked batch is kept for the passes over it (Deequ, counts, silver, quarantine):
   * on local disk, in Spark's columnar format, so a batch of any size leaves the heap to the work.
   * Written without compression ({@link UncompressedCache}): the batch lives for one job, in the
   * OS's page cache, and compressing it took a third of the first pass at 10M rows (27.4 s with,
   * 17.6 s without).
   */
  static final StorageLevel CACHE = StorageLevel.DISK_ONLY();
  /** About 200,000 candles of a Delta table's Parquet files (some 40 bytes a candle). */
  private static final long BYTES_PER_PARTITION = 8L << 20;
  private static final long MAX_PARTITIONS = 4096;
  /** Below this many bytes of table files the copy check groups rows by a window: two more jobs would cost more. */
  private static final long LOOKUP_MIN_BYTES = 16L << 20;
  /** Shared candle hashes up to this many are sent to every task for the copy check; more, and rows are grouped by a shuffle. */
  private static final long BROADCAST_COPIES = 500_000;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ValidateJob() {}

  /** Where the report for a kind and window is written. */
  public static String reportPath(Lake lake, RecordKind kind, LogicalWindow window) {
    return lake.path(REPORT_DIR + "/" + kind.contractName() + "_" + window.label() + ".json");
  }

  /**
   * Validates every kind that has a bronze table, adding each report to {@code reports}; a contract
   * violation in one kind is raised only after the others were validated too, as one exception
   * naming every failed contract.
   */
  public static void runAll(SparkSession spark, CoinlakeConfig config, LogicalWindow window, List<ValidationReport> reports) {
    Lake lake = new Lake(config.lake().root());
    List<ContractViolationException> failed = new ArrayList<>();
    for (RecordKind kind : RecordKind.values()) {
      if (!lake.exists(spark, kind.bronze())) {
        continue;
      }
      try {
        reports.add(run(spark, config, kind, window));
      } catch (ContractViolationException e) {
        reports.add(e.report());
        failed.add(e);
      }
    }
    if (!failed.isEmpty()) {
      throw ContractViolationException.of(failed);
    }
  }

  public static ValidationReport run(SparkSession spark, CoinlakeConfig config, RecordKind kind, LogicalWindow window) {
    Lake lake = new Lake(config.lake().root());
    Contract contract = ContractLoader.load(config.quality().contractPath(kind.contractName()), kind.contractName());
    String scope = scope(config, kind, window, "", kind.tsColumn());

    // 1. the batch: bronze rows inside the window, checked row by row, kept for the passes below
    Dataset<Row> bronze = lake.read(spark, kind.bronze()).where(scope);
    List<String> bronzeColumns = List.of(bronze.columns());
    ContractEvaluator.requireColumns(bronze, contract);
    long bytes = bronze.queryExecution().optimizedPlan().stats().sizeInBytes().longValue();
    Dataset<Row> shared = bytes < LOOKUP_MIN_BYTES ? null : sharedCandles(bronze, contract);
    Dataset<Row> copies = shared == null ? null : ContractEvaluator.copiedCandles(bronze, shared);
    Dataset<Row> annotated = ContractEvaluator.annotate(bronze, contract, copies, partitions(spark, bytes));

    // 2. Deequ measures every check on the whole batch (one verification run); its scan is the first
    // pass over the batch and writes the cache (uncompressed, see CACHE)
    List<ConstraintSpec> specs = new ArrayList<>();
    contract.checks().forEach(c -> specs.addAll(DeequSpecs.of(c, List.of(annotated.columns()))));
    // with a run date, the metrics are kept per date and compared with the previous date (anomalies)
    VerificationOutcome verified = UncompressedCache.persist(annotated, CACHE,
        () -> MetricsHistory.forWindow(lake, contract, window)
            .map(history -> DeequVerifier.verify(annotated, specs, history))
            .orElseGet(() -> new VerificationOutcome(DeequVerifier.verify(annotated, specs), List.of())));

    // 3. the report's counts, from one pass; they also say which writes below have rows
    ValidationReport report = report(kind, totals(annotated, contract), contract, verified.constraints(), verified.anomalies(), window);

    // 4. accepted rows to silver (replacing the window's slice), rejected rows to quarantine
    Timestamp now = Timestamp.from(Instant.now());
    Column failedAny = size(col(ContractEvaluator.FAILED_ERRORS)).gt(0);
    List<Column> silverColumns = new ArrayList<>(List.of(TableColumns.select(bronzeColumns)));
    Dataset<Row> accepted = annotated.filter(not(failedAny))
        .withColumn(QUALITY_WARNINGS, col(ContractEvaluator.FAILED_WARNINGS));
    if (kind == RecordKind.OHLCV) {
      accepted = accepted.withColumn(STALE, contract.firstOfKind("stale").map(c -> not(col(c.passColumn()))).orElse(lit(false)));
      silverColumns.add(col(STALE));
    }
    silverColumns.add(col(QUALITY_WARNINGS));
    Column[] values = bronzeColumns.stream().filter(c -> !TableColumns.LINEAGE.contains(c)).map(functions::col).toArray(Column[]::new);
    Dataset<Row> rejected = annotated.filter(failedAny)
        .withColumn(STAGE, lit(STAGE_VALIDATE))
        .withColumn(CHECK, element_at(col(ContractEvaluator.FAILED_ERRORS), 1))
        .withColumn(REASON, col(ContractEvaluator.REASONS))
        .withColumn(RAW_LINE, to_json(struct(values)))
        .withColumn(QUARANTINED_AT, lit(now))
        .withColumn("_interval", bronzeColumns.contains(INTERVAL) ? col(INTERVAL) : lit(null).cast("string"))
        .select(TableColumns.quarantineSelect(kind.symbolColumn(), "_interval", kind.tsColumn()));
    String targetScope = scope(config, kind, window, "t.", kind.tsColumn());
    // every accepted row lies in the slice, so the slice covers every row a MERGE could match
    DeltaWrites.upsert(spark, lake, kind.silver(), accepted.select(silverColumns.toArray(Column[]::new)),
        TableColumns.RUN_STAMPS, targetScope, null, report.rowsAccepted() == 0);
    DeltaWrites.upsert(spark, lake, kind.quarantine(), rejected, TableColumns.RUN_STAMPS,
        "t." + STAGE + " = '" + STAGE_VALIDATE + "' AND " + scope(config, kind, window, "t.", TS),
        col(STAGE).equalTo(STAGE_VALIDATE), report.rowsQuarantined() == 0);
    annotated.unpersist();
    if (shared != null) {
      shared.unpersist();
    }

    if (kind == RecordKind.TICKS) {
      writeTickBars(spark, lake, config.ingest().ticks().barInterval(), window);
    }

    // 5. the report
    writeReport(spark, reportPath(lake, kind, window), report);
    if (!report.failedErrorChecks().isEmpty()) {
      CheckResult first = report.failedErrorChecks().get(0);
      throw new ContractViolationException(String.format(
          "contract %s: check %s passed for %.4f of rows, below its threshold %.4f (%d rows quarantined); see %s",
          kind.contractName(), first.name(), first.metric(), first.threshold(), first.rowsFailed(), reportPath(lake, kind, window)),
          report);
    }
    return report;
  }

  /**
   * The hashes of the candles that more than one row of the batch has, kept for the cross-symbol
   * copy check, when the contract has one and they are few enough to send to every task (as a
   * rule: a copy is an anomaly); else null, and the check groups the rows by candle instead.
   */
  private static Dataset<Row> sharedCandles(Dataset<Row> bronze, Contract contract) {
    if (contract.checks().stream().noneMatch(c -> c.kind().equals("cross_symbol_copy"))) {
      return null;
    }
    Dataset<Row> shared = ContractEvaluator.sharedCandles(bronze).persist(StorageLevel.MEMORY_AND_DISK());
    if (shared.count() <= BROADCAST_COPIES) {
      return shared;
    }
    shared.unpersist();
    return null;
  }

  /**
   * Partitions for the checks that sort a symbol's rows: the configured shuffle partitions, or
   * one per {@link #BYTES_PER_PARTITION} of the batch's table files ({@code bytes}, Spark's
   * estimate from the Delta log) when that is more, so that a big batch does not sort too much
   * in one task (each sort holds its whole partition).
   */
  static int partitions(SparkSession spark, long bytes) {
    int configured = Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions"));
    return (int) Math.max(configured, Math.min(MAX_PARTITIONS, (bytes + BYTES_PER_PARTITION - 1) / BYTES_PER_PARTITION));
  }

  /** Bars from the window's accepted ticks replace the window's slice of silver.tick_bars. */
  private static void writeTickBars(SparkSession spark, Lake lake, String interval, LogicalWindow window) {
    Dataset<Row> ticks = lake.read(spark, LakeTable.SILVER_TICKS).where(window.sqlCondition(TS));
    Dataset<Row> bars = TickBars.build(ticks, interval);
    DeltaWrites.merge(spark, lake, LakeTable.SILVER_TICK_BARS, bars, List.of(),
        "t." + BAR_INTERVAL + " = '" + interval + "' AND " + window.sqlCondition("t." + BAR_START));
  }

  /**
   * The rows of a kind a window covers, judged on {@code tsColumn}; {@code prefix} is "t." inside a
   * MERGE. OHLCV is also limited to the configured interval.
   */
  private static String scope(CoinlakeConfig config, RecordKind kind, LogicalWindow window, String prefix, String tsColumn) {
    String inWindow = window.sqlCondition(prefix + tsColumn);
    return kind == RecordKind.OHLCV
        ? prefix + INTERVAL + " = '" + config.ingest().ohlcv().interval() + "' AND " + inWindow
        : inWindow;
  }

  /** Rows in, rejected, and per check the rows failing it and the rows it is the first failed error check of: one pass. */
  private static Row totals(Dataset<Row> annotated, Contract contract) {
    List<Column> aggs = new ArrayList<>();
    aggs.add(sum(when(size(col(ContractEvaluator.FAILED_ERRORS)).gt(0), 1).otherwise(0)).as("_rejected"));
    for (ContractCheck c : contract.checks()) {
      aggs.add(sum(when(not(col(c.passColumn())), 1).otherwise(0)).as(c.name()));
      aggs.add(sum(when(element_at(col(ContractEvaluator.FAILED_ERRORS), 1).equalTo(c.name()), 1).otherwise(0)).as("_first_" + c.name()));
    }
    return annotated.agg(count(lit(1)).as("_n"), aggs.toArray(Column[]::new)).first();
  }

  private static ValidationReport report(RecordKind kind, Row totals, Contract contract,
      List<ConstraintOutcome> outcomes, List<AnomalyOutcome> anomalies, LogicalWindow window) {
    long rowsIn = totals.getLong(0);
    long rejected = totals.isNullAt(1) ? 0 : totals.getLong(1);
    Map<String, Long> byCheck = new LinkedHashMap<>();
    Map<String, Long> warnings = new LinkedHashMap<>();
    List<CheckResult> results = new ArrayList<>();
    for (ContractCheck c : contract.checks()) {
      long failed = totals.isNullAt(totals.fieldIndex(c.name())) ? 0 : totals.getLong(totals.fieldIndex(c.name()));
      long firstFailed = totals.isNullAt(totals.fieldIndex("_first_" + c.name())) ? 0 : totals.getLong(totals.fieldIndex("_first_" + c.name()));
      if (c.level() == Level.ERROR && firstFailed > 0) {
        byCheck.put(c.name(), firstFailed);
      }
      if (c.level() == Level.WARNING && failed > 0) {
        warnings.put(c.name(), failed);
      }
      results.add(rowsIn == 0 ? noRows(c) : checkResult(c, outcomes, failed));
    }
    return new ValidationReport(kind.contractName(), window.label(), Instant.now().toString(), rowsIn, rowsIn - rejected, rejected,
        byCheck, warnings, results, anomalies);
  }

  /** A check of an empty window (e.g. a logical date before a source's first snapshot): nothing to measure, nothing failed. */
  private static CheckResult noRows(ContractCheck check) {
    return new CheckResult(check.name(), check.kind(), check.level(), CheckResult.NO_ROWS, Double.NaN, check.threshold(), 0,
        "no rows in the window; nothing to check");
  }

  /** Folds the Deequ outcomes of one check (several for a multi-column complete check) into one result. */
  private static CheckResult checkResult(ContractCheck check, List<ConstraintOutcome> outcomes, long rowsFailed) {
    List<ConstraintOutcome> mine = outcomes.stream()
        .filter(o -> o.name().equals(check.name()) || o.name().startsWith(check.name() + "["))
        .toList();
    double metric = mine.stream().mapToDouble(ConstraintOutcome::metric).min().orElse(Double.NaN);
    boolean passed = !mine.isEmpty() && mine.stream().allMatch(ConstraintOutcome::passed);
    String message = mine.stream().map(ConstraintOutcome::message).filter(m -> m != null && !m.isBlank())
        .findFirst().orElse("");
    return new CheckResult(check.name(), check.kind(), check.level(), passed ? CheckResult.PASSED : CheckResult.FAILED,
        metric, check.threshold(), rowsFailed, message);
  }

  private static void writeReport(SparkSession spark, String path, ValidationReport report) {
    try {
      LakeFiles.writeText(spark, path, JSON.writeValueAsString(report));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the validation report", e);
    }
  }
}
