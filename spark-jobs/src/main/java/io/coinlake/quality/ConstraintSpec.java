package io.coinlake.quality;

import java.util.List;
import java.util.Objects;

/**
 * One declarative check. For {@link ConstraintKind#COMPLETENESS} {@code columns} has exactly one
 * column; for {@link ConstraintKind#SATISFIES} {@code predicate} is a Spark SQL boolean
 * expression (a row complies when it is true) and {@code columns} optionally lists the columns it
 * reads; for {@link ConstraintKind#UNIQUENESS} {@code columns} is the key. {@code minFraction} is
 * the least share of rows that must comply (1.0 = all); for UNIQUENESS it is the Deequ uniqueness
 * metric (rows whose key occurs exactly once / all rows, both counting only rows with a non-null
 * key column). A UNIQUENESS spec may name in {@code predicate} a boolean column that already says
 * whether each row's key occurs exactly once ({@link #uniquenessFromFlag}): Deequ then measures the
 * same metric as the share of such rows, in the scan it shares with the other specs, instead of
 * grouping the rows by key in passes of its own.
 *
 * <p>Invariants (checked here): name non-blank; kind and level set; columns non-null, without
 * blank entries, and of the size the kind needs; predicate non-blank for SATISFIES, optional for
 * UNIQUENESS (a blank one becomes null) and absent (null or blank) for COMPLETENESS;
 * {@code 0 <= minFraction <= 1}. Column names are matched
 * exactly (case-sensitive) against the data's schema.
 */
public record ConstraintSpec(
    String name,
    ConstraintKind kind,
    List<String> columns,
    String predicate,
    double minFraction,
    Level level) {

  public ConstraintSpec {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("constraint name must not be blank");
    }
    Objects.requireNonNull(kind, () -> "constraint '" + name + "': kind must be set");
    Objects.requireNonNull(level, () -> "constraint '" + name + "': level must be set");
    columns = columns == null ? List.of() : List.copyOf(columns);
    for (String c : columns) {
      if (c.isBlank()) {
        throw new IllegalArgumentException("constraint '" + name + "': blank column name");
      }
    }
    boolean hasPredicate = predicate != null && !predicate.isBlank();
    switch (kind) {
      case COMPLETENESS -> {
        if (columns.size() != 1) {
          throw new IllegalArgumentException("constraint '" + name
              + "': COMPLETENESS needs exactly one column, got " + columns);
        }
      }
      case UNIQUENESS -> {
        if (columns.isEmpty()) {
          throw new IllegalArgumentException(
              "constraint '" + name + "': UNIQUENESS needs at least one key column");
        }
      }
      case SATISFIES -> {
        if (!hasPredicate) {
          throw new IllegalArgumentException(
              "constraint '" + name + "': SATISFIES needs a predicate");
        }
      }
    }
    if (kind != ConstraintKind.SATISFIES && kind != ConstraintKind.UNIQUENESS) {
      if (hasPredicate) {
        throw new IllegalArgumentException("constraint '" + name + "': a predicate is only "
            + "allowed for SATISFIES (and a flag column for UNIQUENESS), not " + kind);
      }
      predicate = null;
    } else if (!hasPredicate) {
      predicate = null;
    }
    if (!(minFraction >= 0.0 && minFraction <= 1.0)) {
      throw new IllegalArgumentException("constraint '" + name
          + "': minFraction must be in [0, 1], got " + minFraction);
    }
  }

  /** A COMPLETENESS spec: at least {@code minFraction} of rows have {@code column} not null. */
  public static ConstraintSpec completeness(
      String name, String column, double minFraction, Level level) {
    return new ConstraintSpec(
        name, ConstraintKind.COMPLETENESS, List.of(column), null, minFraction, level);
  }

  /** A SATISFIES spec: at least {@code minFraction} of rows make {@code predicate} true. */
  public static ConstraintSpec satisfies(
      String name, String predicate, double minFraction, Level level) {
    return new ConstraintSpec(
        name, ConstraintKind.SATISFIES, List.of(), predicate, minFraction, level);
  }

  /** A UNIQUENESS spec over the key {@code columns}. */
  public static ConstraintSpec uniqueness(
      String name, List<String> columns, double minFraction, Level level) {
    return new ConstraintSpec(name, ConstraintKind.UNIQUENESS, columns, null, minFraction, level);
  }

  /**
   * A UNIQUENESS spec over the key {@code columns}, measured from {@code onceColumn}: a boolean
   * column, true for the rows whose key occurs exactly once in the data.
   */
  public static ConstraintSpec uniquenessFromFlag(
      String name, List<String> columns, String onceColumn, double minFraction, Level level) {
    return new ConstraintSpec(name, ConstraintKind.UNIQUENESS, columns, onceColumn, minFraction, level);
  }
}
