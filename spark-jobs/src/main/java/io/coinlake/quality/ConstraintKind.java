package io.coinlake.quality;

/** The kinds of declarative constraint {@link DeequVerifier} can run. */
public enum ConstraintKind {
  /** Share of rows where one column is not null. */
  COMPLETENESS,
  /** Share of rows where a Spark SQL boolean predicate is true (null counts as not true). */
  SATISFIES,
  /** Deequ uniqueness of a key: share of all rows whose key value occurs exactly once. */
  UNIQUENESS
}
