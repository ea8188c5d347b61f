package io.coinlake.quality;

import static io.coinlake.lake.Columns.*;
import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Applies a contract row by row: adds, for every check, a pass flag, then an array of failed error
 * checks and of failed warning checks, and the reasons of the failed error checks. Pure: no I/O.
 *
 * <p>Row checks run first. Sequence checks (glitch, stale) compare a row with its predecessor,
 * so they run only over rows that passed every row-level error check: a null or negative price
 * must not make its neighbour look like a glitch.
 *
 * <p>Checks that group rows each need the rows clustered by their grouping. Cross-symbol copies
 * group by candle, so they go first; unique keys and the sequence checks then share one
 * clustering by the columns they have in common (the symbol), so the batch is shuffled twice, not
 * once per grouping. Where {@link SymbolChecks} applies (the OHLCV contract), one sort of each
 * symbol's rows and one pass over them run all of those checks; windows run them otherwise.
 */
public final class ContractEvaluator {
  public static final String FAILED_ERRORS = "_failed_errors";
  public static final String FAILED_WARNINGS = "_failed_warnings";
  /** Why a row failed its error checks, {@code "check: detail; ..."} in contract order; null when none failed. */
  public static final String REASONS = "_reasons";
  private static final String ROW_OK = "_row_ok";
  private static final String PREVIOUS_CLOSE = "_previous_close";
  private static final String SCRATCH = "_window_result";
  /** The grouping of the sequence checks without their pass flag (which they group by too). */
  private static final List<String> SEQUENCE_GROUPING = List.of(SYMBOL, INTERVAL);

  /** The symbols a copied candle appears under ({@link #copiedCandles}). */
  public static final String COPY_SYMBOLS = "_copy_symbols";
  /** What makes two rows the same candle for the cross-symbol copy check. */
  private static final List<String> CANDLE = List.of(INTERVAL, TS, OPEN, HIGH, LOW, CLOSE);
  private static final String COPY_PREFIX = "_copy_";
  private static final String CANDLE_HASH = "_candle_hash";

  private ContractEvaluator() {}

  /**
   * The hashes of the candles (interval, ts and OHLC) that more than one row has: a count per
   * candle hash, which Spark aggregates by a 64-bit key instead of six columns (at 10M rows the
   * grouping by the six columns took 11 s). A hash shared by different candles only adds a
   * candidate that {@link #copiedCandles} drops, since it groups the candidates' rows by the candle
   * itself. Spark's xxhash64 hashes -0.0 as 0.0 and every NaN alike, and skips nulls, so every two
   * rows Spark would group together get the same hash. Few, as a rule. Pure.
   */
  public static Dataset<Row> sharedCandles(Dataset<Row> rows) {
    return rows.groupBy(candleHash().as(CANDLE_HASH)).count().where(col("count").gt(1)).drop("count");
  }

  /**
   * The candles that more than one symbol has, with those symbols in {@link #COPY_SYMBOLS}, found
   * among the rows whose candle hash is in {@code shared} ({@link #sharedCandles} of the same rows,
   * small enough to send to every task), grouped by the candle (nulls and NaNs grouped as Spark
   * groups them). Then {@link #annotate(Dataset, Contract, Dataset)} checks copies against them
   * without shuffling the rows by candle. Pure.
   */
  public static Dataset<Row> copiedCandles(Dataset<Row> rows, Dataset<Row> shared) {
    return rows.join(broadcast(shared), candleHash().equalTo(shared.col(CANDLE_HASH)), "left_semi")
        .groupBy(candle()).agg(collect_set(col(SYMBOL)).as(COPY_SYMBOLS))
        .where(size(col(COPY_SYMBOLS)).gt(1));
  }

  private static Column candleHash() {
    return xxhash64(candle());
  }

  private static Column[] candle() {
    return CANDLE.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }

  /** The candle columns renamed with {@link #COPY_PREFIX}, to join a table of candles to the rows. */
  private static List<Column> prefixedCandle() {
    List<Column> renamed = new ArrayList<>();
    CANDLE.forEach(c -> renamed.add(col(c).as(COPY_PREFIX + c)));
    return renamed;
  }

  /** The copy check's pass: the row's candle has no other symbol ({@code symbols}: the candle's symbols), or no close. */
  private static Column notCopied(Column symbols) {
    return symbols.isNull().or(size(symbols).leq(1)).or(col(CLOSE).isNull());
  }

  /** Why a row failed the copy check: the other symbols with its candle. */
  private static Column copiedFrom(Column symbols) {
    return concat(lit("same ts and OHLC as "), array_join(array_sort(array_remove(symbols, col(SYMBOL))), ","),
        lit(": ambiguous which symbol owns it"));
  }

  /** A row's candle equals the {@link #COPY_PREFIX}ed candle columns, null-safe. */
  private static Column sameCandle() {
    return CANDLE.stream().map(c -> col(c).eqNullSafe(col(COPY_PREFIX + c))).reduce(Column::and).orElseThrow();
  }

  public static Dataset<Row> annotate(Dataset<Row> rows, Contract contract) {
    return annotate(rows, contract, null, 0);
  }

  /**
   * {@link #annotate(Dataset, Contract)}, with the cross-symbol copies looked up in {@code copies}
   * ({@link #copiedCandles} of the same rows, small enough to send to every task) instead of
   * found by a window over the rows (null: by the window), and the rows clustered by symbol into
   * {@code partitions} partitions for the unique and sequence checks (0: as many as
   * {@code spark.sql.shuffle.partitions}); more partitions make each task's sorts smaller.
   */
  public static Dataset<Row> annotate(Dataset<Row> rows, Contract contract, Dataset<Row> copies, int partitions) {
    requireColumns(rows, contract);
    return annotate(rows, contract, copies, partitions, SymbolChecks.applies(rows, contract));
  }

  /**
   * {@link #annotate(Dataset, Contract, Dataset, int)}, with the unique and sequence checks run by
   * {@link SymbolChecks}' one pass per symbol ({@code bySymbol}, where it applies) or by windows:
   * the general way, and the reference the tests hold that pass to.
   */
  static Dataset<Row> annotate(Dataset<Row> rows, Contract contract, Dataset<Row> copies, int partitions, boolean bySymbol) {
    Dataset<Row> out = rows;
    for (ContractCheck check : contract.checks()) {
      if (check.kind().equals("complete") || check.kind().equals("predicate")) {
        out = applyRowCheck(out, check);
      }
    }
    for (ContractCheck check : contract.checks()) {
      if (check.kind().equals("cross_symbol_copy")) {
        out = copies == null ? applyRowCheck(out, check) : applyCopyCheck(out, check, copies);
      }
    }
    out = bySymbol ? SymbolChecks.apply(out, contract, partitions) : applyGroupChecksByWindows(out, contract, partitions);
    out = out.withColumn(FAILED_ERRORS, failed(contract, Level.ERROR))
        .withColumn(FAILED_WARNINGS, failed(contract, Level.WARNING))
        .withColumn(REASONS, reasons(contract));
    List<String> scratch = new ArrayList<>(List.of(ROW_OK, PREVIOUS_CLOSE));
    contract.checks().forEach(c -> scratch.add(c.detailColumn()));
    return out.drop(scratch.toArray(String[]::new));
  }

  /** The unique checks, then the sequence checks over the rows that passed every other error check, by window functions. */
  private static Dataset<Row> applyGroupChecksByWindows(Dataset<Row> rows, Contract contract, int partitions) {
    Dataset<Row> out = rows;
    List<String> shared = sharedGrouping(contract);
    if (!shared.isEmpty()) {
      Column[] by = shared.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
      out = partitions > 0 ? out.repartition(partitions, by) : out.repartition(by);
    }
    for (ContractCheck check : contract.checks()) {
      if (check.kind().equals("unique")) {
        out = applyRowCheck(out, check);
      }
    }
    out = out.withColumn(ROW_OK, contract.checks().stream()
        .filter(c -> !c.isSequenceCheck() && c.level() == Level.ERROR)
        .map(c -> col(c.passColumn())).reduce(Column::and).orElse(lit(true)));
    if (contract.checks().stream().anyMatch(ContractCheck::isSequenceCheck)) {
      out = out.withColumn(PREVIOUS_CLOSE, lag(col(CLOSE), 1).over(sequenceOrder()));
      for (ContractCheck check : contract.checks()) {
        if (check.isSequenceCheck()) {
          out = applySequenceCheck(out, check);
        }
      }
    }
    return out;
  }

  /** Why a row fails a unique check. */
  static String duplicateReason(ContractCheck unique) {
    return "duplicate of an earlier row with the same " + unique.columns();
  }

  /**
   * The columns by which unique checks and sequence checks can share one clustering: those every
   * unique key and the sequence grouping have in common. Empty when there is nothing to share.
   */
  static List<String> sharedGrouping(Contract contract) {
    List<ContractCheck> unique = contract.checks().stream().filter(c -> c.kind().equals("unique")).toList();
    if (unique.isEmpty() || contract.checks().stream().noneMatch(ContractCheck::isSequenceCheck)) {
      return List.of();
    }
    return SEQUENCE_GROUPING.stream().filter(c -> unique.stream().allMatch(u -> u.columns().contains(c))).toList();
  }

  private static Column failed(Contract contract, Level level) {
    Column[] names = contract.checks().stream()
        .filter(c -> c.level() == level)
        .map(c -> when(not(col(c.passColumn())), lit(c.name())))
        .toArray(Column[]::new);
    // array_except drops the nulls of passed checks and keeps the order (the names are distinct)
    return names.length == 0 ? array().cast("array<string>") : array_except(array(names), array(lit(null).cast("string")));
  }

  private static Column reasons(Contract contract) {
    Column[] parts = contract.checks().stream()
        .filter(c -> c.level() == Level.ERROR)
        .map(c -> when(not(col(c.passColumn())), concat(lit(c.name() + ": "), col(c.detailColumn()))))
        .toArray(Column[]::new);
    return parts.length == 0 ? lit(null).cast("string") : when(size(col(FAILED_ERRORS)).gt(0), concat_ws("; ", parts));
  }

  private static Dataset<Row> applyRowCheck(Dataset<Row> rows, ContractCheck check) {
    Column pass;
    Column why;
    switch (check.kind()) {
      case "complete" -> {
        pass = check.columns().stream().map(c -> col(c).isNotNull()).reduce(Column::and).orElseThrow();
        why = concat(lit("missing "), concat_ws(",", check.columns().stream()
            .map(c -> when(col(c).isNull(), lit(c))).toArray(Column[]::new)));
      }
      case "predicate" -> {
        pass = coalesce(expr(check.predicate()), lit(false));
        why = lit("fails " + check.predicate());
      }
      case "unique" -> {
        WindowSpec byKey = Window.partitionBy(check.columns().stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
            .orderBy(col(SOURCE_FILE), col(SOURCE_LINE));
        // window results go to a column first: used in two expressions, a window function would be computed twice
        rows = rows.withColumn(SCRATCH, row_number().over(byKey));
        pass = col(SCRATCH).equalTo(1);
        why = lit(duplicateReason(check));
      }
      case "cross_symbol_copy" -> {
        rows = rows.withColumn(SCRATCH, collect_set(col(SYMBOL)).over(Window.partitionBy(candle())));
        pass = notCopied(col(SCRATCH));
        why = copiedFrom(col(SCRATCH));
      }
      default -> throw new IllegalStateException("not a row check: " + check.kind());
    }
    return rows.withColumn(check.passColumn(), pass).withColumn(check.detailColumn(), when(not(pass), why)).drop(SCRATCH);
  }

  /** The cross-symbol copy check by a lookup of each row's candle in {@code copies}: the same pass and detail as the window. */
  private static Dataset<Row> applyCopyCheck(Dataset<Row> rows, ContractCheck check, Dataset<Row> copies) {
    List<Column> renamed = prefixedCandle();
    renamed.add(col(COPY_SYMBOLS).as(SCRATCH));
    Column pass = notCopied(col(SCRATCH));
    Column why = copiedFrom(col(SCRATCH));
    return rows.join(broadcast(copies.select(renamed.toArray(Column[]::new))), sameCandle(), "left")
        .drop(CANDLE.stream().map(c -> COPY_PREFIX + c).toArray(String[]::new))
        .withColumn(check.passColumn(), pass).withColumn(check.detailColumn(), when(not(pass), why)).drop(SCRATCH);
  }

  /** The order the sequence checks walk a symbol's rows in, among the rows that passed the row-level error checks. */
  private static WindowSpec sequenceOrder() {
    return Window.partitionBy(col(SYMBOL), col(INTERVAL), col(ROW_OK)).orderBy(col(TS));
  }

  /** Needs {@link #PREVIOUS_CLOSE}: the close of the row before in {@link #sequenceOrder()}. */
  private static Dataset<Row> applySequenceCheck(Dataset<Row> rows, ContractCheck check) {
    WindowSpec ordered = sequenceOrder();
    Column previousClose = col(PREVIOUS_CLOSE);
    Column pass;
    Column why;
    if (check.kind().equals("glitch")) {
      String big = "_big_" + check.name();
      String previousBig = "_previous_big_" + check.name();
      Column logReturn = log(col(CLOSE).divide(previousClose));
      rows = rows.withColumn(big, coalesce(abs(logReturn).gt(check.maxAbsLogReturn()), lit(false)))
          .withColumn(previousBig, lag(col(big), 1).over(ordered));
      Column glitch = col(big).and(not(coalesce(col(previousBig), lit(false))));
      pass = not(col(ROW_OK)).or(not(glitch));
      why = format_string("|log return| %.3f vs the previous close exceeds %s", abs(logReturn), lit(check.maxAbsLogReturn()));
      rows = rows.withColumn(check.passColumn(), pass).withColumn(check.detailColumn(), when(not(pass), why));
      return rows.drop(big, previousBig);
    }
    // A run: a row whose close differs from the previous one (or the first), then the repeats. Its
    // size is the next run's start minus its own start, all in the sequence order, so no window needs
    // another sort (grouping the rows by run would sort them again).
    String position = "_position_" + check.name();
    String runStart = "_run_start_" + check.name();
    String nextRunStart = "_next_run_start_" + check.name();
    String last = "_last_position_" + check.name();
    String runSize = "_run_size_" + check.name();
    Column repeat = coalesce(col(CLOSE).equalTo(previousClose), lit(false));
    Column startsRun = when(not(repeat), col(position));
    rows = rows.withColumn(position, row_number().over(ordered))
        .withColumn(runStart, max(startsRun).over(ordered.rowsBetween(Window.unboundedPreceding(), Window.currentRow())))
        .withColumn(nextRunStart, lead(startsRun, 1, null, true).over(ordered))
        .withColumn(last, max(col(position)).over(ordered.rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing())))
        .withColumn(runSize, coalesce(col(nextRunStart), col(last).plus(1)).minus(col(runStart)));
    pass = not(col(ROW_OK)).or(not(repeat.and(col(runSize).geq(check.minRun()))));
    why = concat(lit("close unchanged for "), col(runSize).cast("string"), lit(" rows in a row"));
    rows = rows.withColumn(check.passColumn(), pass).withColumn(check.detailColumn(), when(not(pass), why));
    return rows.drop(position, runStart, nextRunStart, last, runSize);
  }

  /** Throws when a column a check needs is missing, naming it, the check and the contract. */
  static void requireColumns(Dataset<Row> rows, Contract contract) {
    List<String> present = List.of(rows.columns());
    for (ContractCheck check : contract.checks()) {
      List<String> needed = new ArrayList<>(List.of(SOURCE_FILE, SOURCE_LINE));
      switch (check.kind()) {
        case "complete", "unique" -> needed.addAll(check.columns());
        case "cross_symbol_copy" -> needed.addAll(List.of(SYMBOL, INTERVAL, TS, OPEN, HIGH, LOW, CLOSE));
        case "glitch", "stale" -> needed.addAll(List.of(SYMBOL, INTERVAL, TS, CLOSE));
        default -> { }
      }
      for (String name : needed) {
        if (!present.contains(name)) {
          throw new IllegalArgumentException("contract " + contract.source() + ", check " + check.name() + ": the rows lack column '"
              + name + "' (have " + present + ")");
        }
      }
    }
  }
}
