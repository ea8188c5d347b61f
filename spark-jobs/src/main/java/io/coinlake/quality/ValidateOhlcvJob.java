package io.coinlake.quality;

import static io.coinlake.lake.Columns.*;
import static org.apache.spark.sql.functions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.LogicalWindow;
import io.coinlake.lake.DeltaWrites;
import io.coinlake.lake.Lake;
import io.coinlake.lake.LakeFiles;
import io.coinlake.lake.LakeTable;
import io.coinlake.lake.TableColumns;
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
import org.apache.spark.storage.StorageLevel;

/**
 * Validate: bronze.ohlcv rows in the window -> contract -> silver.ohlcv (accepted, with warning
 * flags) + quarantine.ohlcv (rejected, with the reason) + a JSON validation report. The window's
 * slice of silver is replaced, so re-running leaves the same rows. An error-level check below its
 * threshold fails the task after the writes.
 */
public final class ValidateOhlcvJob {
  public static final String REPORT_DIR = "_reports/validation";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ValidateOhlcvJob() {}

  /** Where the report for a window is written. */
  public static String reportPath(Lake lake, LogicalWindow window) {
    return lake.path(REPORT_DIR + "/ohlcv_" + window.label() + ".json");
  }

  public static ValidationReport run(SparkSession spark, CoinlakeConfig config, LogicalWindow window) {
    Lake lake = new Lake(config.lake().root());
    Contract contract = ContractLoader.load(config.quality().ohlcvContract(), "ohlcv");
    String interval = config.ingest().ohlcv().interval();
    String scope = INTERVAL + " = '" + interval + "' AND " + window.sqlCondition(TS);

    // 1. the batch: bronze rows of the interval inside the window, checked row by row
    Dataset<Row> bronze = lake.read(spark, LakeTable.BRONZE_OHLCV).where(scope);
    Dataset<Row> annotated = ContractEvaluator.annotate(bronze, contract).persist(StorageLevel.MEMORY_AND_DISK());

    // 2. Deequ measures every check on the whole batch
    List<ConstraintSpec> specs = new ArrayList<>();
    contract.checks().forEach(c -> specs.addAll(DeequSpecs.of(c)));
    List<ConstraintOutcome> outcomes = DeequVerifier.verify(annotated, specs);

    // 3. accepted rows to silver (replacing the window's slice), rejected rows to quarantine
    Timestamp now = Timestamp.from(Instant.now());
    Column failedAny = size(col(ContractEvaluator.FAILED_ERRORS)).gt(0);
    Column staleFlag = contract.firstOfKind("stale").map(c -> not(col(c.passColumn()))).orElse(lit(false));
    Dataset<Row> accepted = annotated.filter(not(failedAny))
        .withColumn(STALE, staleFlag)
        .withColumn(QUALITY_WARNINGS, col(ContractEvaluator.FAILED_WARNINGS))
        .select(TableColumns.select(TableColumns.SILVER_OHLCV));
    Dataset<Row> rejected = annotated.filter(failedAny)
        .withColumn(STAGE, lit(STAGE_VALIDATE))
        .withColumn(CHECK, element_at(col(ContractEvaluator.FAILED_ERRORS), 1))
        .withColumn(REASON, reasons(contract))
        .withColumn(RAW_LINE, to_json(struct(TableColumns.select(TableColumns.OHLCV_VALUES))))
        .withColumn(QUARANTINED_AT, lit(now))
        .select(TableColumns.select(TableColumns.QUARANTINE));
    String targetScope = "t." + INTERVAL + " = '" + interval + "' AND " + window.sqlCondition("t." + TS);
    DeltaWrites.merge(spark, lake, LakeTable.SILVER_OHLCV, accepted, TableColumns.RUN_STAMPS, targetScope);
    DeltaWrites.merge(spark, lake, LakeTable.QUARANTINE_OHLCV, rejected, TableColumns.RUN_STAMPS,
        "t." + STAGE + " = '" + STAGE_VALIDATE + "' AND " + targetScope);

    // 4. the report: counts from one pass over the batch
    ValidationReport report = report(annotated, contract, outcomes, window);
    annotated.unpersist();
    writeReport(spark, reportPath(lake, window), report);
    if (!report.failedErrorChecks().isEmpty()) {
      CheckResult first = report.failedErrorChecks().get(0);
      throw new ContractViolationException(String.format(
          "contract ohlcv: check %s passed for %.4f of rows, below its threshold %.4f (%d rows quarantined); see %s",
          first.name(), first.metric(), first.threshold(), first.rowsFailed(), reportPath(lake, window)));
    }
    return report;
  }

  private static Column reasons(Contract contract) {
    Column[] parts = contract.checks().stream()
        .filter(c -> c.level() == Level.ERROR)
        .map(c -> when(not(col(c.passColumn())), concat(lit(c.name() + ": "), col(c.detailColumn()))))
        .toArray(Column[]::new);
    return concat_ws("; ", parts);
  }

  private static ValidationReport report(Dataset<Row> annotated, Contract contract, List<ConstraintOutcome> outcomes,
      LogicalWindow window) {
    List<Column> aggs = new ArrayList<>();
    aggs.add(sum(when(size(col(ContractEvaluator.FAILED_ERRORS)).gt(0), 1).otherwise(0)).as("_rejected"));
    for (ContractCheck c : contract.checks()) {
      aggs.add(sum(when(not(col(c.passColumn())), 1).otherwise(0)).as(c.name()));
      aggs.add(sum(when(element_at(col(ContractEvaluator.FAILED_ERRORS), 1).equalTo(c.name()), 1).otherwise(0)).as("_first_" + c.name()));
    }
    Row totals = annotated.agg(count(lit(1)).as("_n"), aggs.toArray(Column[]::new)).first();
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
      results.add(checkResult(c, outcomes, failed));
    }
    return new ValidationReport("ohlcv", window.label(), Instant.now().toString(), rowsIn, rowsIn - rejected, rejected,
        byCheck, warnings, results);
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
