package io.coinlake.quality;

import java.util.List;
import java.util.Set;

/**
 * One check of a data contract, as written in {@code conf/contracts/<source>.yaml}.
 *
 * <p>Kinds: {@code complete} (columns not null), {@code predicate} (a Spark SQL condition, true =
 * pass), {@code unique} (columns form a key), {@code cross_symbol_copy} (the same OHLC as another
 * symbol on the same ts), {@code glitch} (one-period |log return| above {@code maxAbsLogReturn};
 * the move back from a glitch is not itself one), {@code stale} (close unchanged for {@code
 * minRun} rows in a row; the repeats are flagged). {@code threshold} is the least share of rows
 * that must pass for the check to pass on the batch.
 */
public record ContractCheck(
    String name, String kind, List<String> columns, String predicate, Double maxAbsLogReturn, Integer minRun,
    Level level, double threshold) {

  public static final Set<String> KINDS = Set.of("complete", "predicate", "unique", "cross_symbol_copy", "glitch", "stale");
  /** Kinds that look at neighbouring rows; they run only on rows that passed every other error check. */
  public static final Set<String> SEQUENCE_KINDS = Set.of("glitch", "stale");

  public ContractCheck {
    if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("'name' must be snake_case, got '" + name + "'");
    }
    if (kind == null || !KINDS.contains(kind)) {
      throw new IllegalArgumentException("check '" + name + "': 'kind' must be one of " + KINDS + ", got '" + kind + "'");
    }
    if (level == null) {
      throw new IllegalArgumentException("check '" + name + "': 'level' must be error or warning");
    }
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("check '" + name + "': 'threshold' must be between 0 and 1, got " + threshold);
    }
    columns = columns == null ? List.of() : List.copyOf(columns);
    switch (kind) {
      case "complete", "unique" -> {
        if (columns.isEmpty()) {
          throw new IllegalArgumentException("check '" + name + "': kind " + kind + " needs 'columns'");
        }
      }
      case "predicate" -> {
        if (predicate == null || predicate.isBlank()) {
          throw new IllegalArgumentException("check '" + name + "': kind predicate needs 'predicate'");
        }
      }
      case "glitch" -> {
        if (maxAbsLogReturn == null || !(maxAbsLogReturn > 0)) {
          throw new IllegalArgumentException("check '" + name + "': kind glitch needs 'maxAbsLogReturn' > 0");
        }
      }
      case "stale" -> {
        if (minRun == null || minRun < 2) {
          throw new IllegalArgumentException("check '" + name + "': kind stale needs 'minRun' >= 2");
        }
      }
      default -> { }
    }
  }

  public boolean isSequenceCheck() {
    return SEQUENCE_KINDS.contains(kind);
  }

  /** The boolean column the evaluator adds: true when the row passes this check. */
  public String passColumn() {
    return "_pass_" + name;
  }

  /** The string column with the failure detail (null when the row passes). */
  public String detailColumn() {
    return "_why_" + name;
  }

  /** For a unique check, the boolean column some evaluations add: true when the row's key occurs exactly once. */
  public String keyOnceColumn() {
    return "_once_" + name;
  }
}
