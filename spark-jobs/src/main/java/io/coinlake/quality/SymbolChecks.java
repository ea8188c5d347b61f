package io.coinlake.quality;

import static io.coinlake.lake.Columns.*;
import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The contract checks that walk a symbol's rows, unique keys and the sequence checks (glitch,
 * stale), in one pass per symbol: the rows are clustered by symbol and sorted once by (symbol,
 * interval, ts, source file, source line), then {@link SymbolChecksFunction} computes every such
 * check of a symbol from its rows in memory. The same pass and detail columns as
 * {@link ContractEvaluator}'s windows, which need a sort per ordering and a window operator per
 * function; the tests check the two against each other.
 */
final class SymbolChecks {
  /** The columns a unique key may have for this pass: the symbol, and what the rows are sorted by. */
  private static final Set<String> KEY_COLUMNS = Set.of(SYMBOL, INTERVAL, TS);

  private SymbolChecks() {}

  /**
   * Whether this pass can run the contract on these rows: it has sequence checks, every unique
   * key holds the symbol and only columns the rows are sorted by, and close is a double.
   */
  static boolean applies(Dataset<Row> rows, Contract contract) {
    boolean keysFit = contract.checks().stream().filter(c -> c.kind().equals("unique"))
        .allMatch(c -> c.columns().contains(SYMBOL) && KEY_COLUMNS.containsAll(c.columns()));
    return keysFit && contract.checks().stream().anyMatch(ContractCheck::isSequenceCheck)
        && rows.schema().apply(CLOSE).dataType().equals(DataTypes.DoubleType);
  }

  /**
   * Adds the pass and detail columns of the contract's unique checks, then of its sequence checks
   * (contract order within each), then each unique check's {@link ContractCheck#keyOnceColumn}, to
   * rows that already have the pass columns of every other check.
   */
  static Dataset<Row> apply(Dataset<Row> rows, Contract contract, int partitions) {
    StructType schema = rows.schema();
    List<Integer> rowOk = new ArrayList<>();
    List<SymbolChecksFunction.Unique> unique = new ArrayList<>();
    List<SymbolChecksFunction.Sequence> sequence = new ArrayList<>();
    StructType out = schema;
    for (ContractCheck c : contract.checks()) {
      if (c.kind().equals("unique")) {
        unique.add(new SymbolChecksFunction.Unique(c.level() == Level.ERROR, c.columns().contains(INTERVAL),
            c.columns().contains(TS), ContractEvaluator.duplicateReason(c)));
        out = withCheckColumns(out, c);
      } else if (!c.isSequenceCheck() && c.level() == Level.ERROR) {
        rowOk.add(schema.fieldIndex(c.passColumn()));
      }
    }
    for (ContractCheck c : contract.checks()) {
      if (c.isSequenceCheck()) {
        sequence.add(new SymbolChecksFunction.Sequence(c.kind().equals("glitch"),
            c.maxAbsLogReturn() == null ? 0 : c.maxAbsLogReturn(), c.minRun() == null ? 0 : c.minRun()));
        out = withCheckColumns(out, c);
      }
    }
    for (ContractCheck c : contract.checks()) {
      if (c.kind().equals("unique")) {
        out = out.add(c.keyOnceColumn(), DataTypes.BooleanType, false);
      }
    }
    SymbolChecksFunction.Layout layout = new SymbolChecksFunction.Layout(schema.fieldIndex(SYMBOL), schema.fieldIndex(INTERVAL),
        schema.fieldIndex(TS), schema.fieldIndex(CLOSE), schema.fieldIndex(SOURCE_FILE), schema.fieldIndex(SOURCE_LINE),
        rowOk.stream().mapToInt(Integer::intValue).toArray());
    Dataset<Row> clustered = partitions > 0 ? rows.repartition(partitions, col(SYMBOL)) : rows.repartition(col(SYMBOL));
    return clustered.sortWithinPartitions(SYMBOL, INTERVAL, TS, SOURCE_FILE, SOURCE_LINE)
        .mapPartitions(new SymbolChecksFunction(layout, unique, sequence), Encoders.row(out));
  }

  private static StructType withCheckColumns(StructType schema, ContractCheck check) {
    return schema.add(check.passColumn(), DataTypes.BooleanType, false).add(check.detailColumn(), DataTypes.StringType, true);
  }
}
