package io.coinlake.monitor;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The drift tests, named, scored and judged as Evidently's (legacy) DataDrift preset does, so a
 * report reads the same as one Evidently would write for the same data.
 *
 * <p>Facts taken from Evidently's public source ({@code evidently/legacy/calculations/stattests/},
 * read at commit a4aa4c2 of evidentlyai/evidently; no code copied):
 * <ul>
 *   <li>{@code ks}: "K-S p_value", scipy's two-sample {@code ks_2samp} p-value (two-sided, method
 *       auto: exact while the larger sample has at most 10,000 values); drift when p &lt;= 0.05.
 *   <li>{@code chisquare}: "chi-square p_value"; expected counts are the reference counts scaled by
 *       n_current / n_reference over the union of values; drift when p &lt; 0.05.
 *   <li>{@code z}: "Z-test p_value", the two-proportion z-test of "first value (sorted) vs the
 *       rest", pooled variance, two-sided; p = 1 when both samples hold one and the same value;
 *       drift when p &lt; 0.05.
 *   <li>{@code wasserstein}: "Wasserstein distance (normed)", the first Wasserstein distance
 *       divided by max(population std of the reference, 0.001); drift when &gt;= 0.1.
 *   <li>{@code psi}: "PSI", sum of (r - c) ln(r / c) over bins, empty bins filled with 0.0001 (or
 *       the smallest non-empty share / 10^6 when that is &lt;= 0.0001); drift when &gt;= 0.1.
 *   <li>{@code jensenshannon}: "Jensen-Shannon distance", scipy's {@code jensenshannon} (natural
 *       logarithm) of the two shares, without zero filling; drift when &gt;= 0.1.
 *   <li>PSI and Jensen-Shannon bin a numerical column when its reference holds more than 20
 *       distinct values: Sturges' rule over reference and current together
 *       ({@code np.histogram_bin_edges(..., bins="sturges")}); otherwise each value is its own bin.
 *   <li>Before any test, nulls, NaN and +-infinity are dropped from both samples.
 * </ul>
 */
public enum StatTest {
  KS("ks", "K-S p_value", 0.05, Verdict.P_VALUE_AT_MOST, EnumSet.of(ColumnKind.NUMERICAL)),
  CHISQUARE("chisquare", "chi-square p_value", 0.05, Verdict.P_VALUE_BELOW, EnumSet.allOf(ColumnKind.class)),
  Z("z", "Z-test p_value", 0.05, Verdict.P_VALUE_BELOW, EnumSet.allOf(ColumnKind.class)),
  WASSERSTEIN("wasserstein", "Wasserstein distance (normed)", 0.1, Verdict.DISTANCE_AT_LEAST, EnumSet.of(ColumnKind.NUMERICAL)),
  PSI("psi", "PSI", 0.1, Verdict.DISTANCE_AT_LEAST, EnumSet.allOf(ColumnKind.class)),
  JENSENSHANNON("jensenshannon", "Jensen-Shannon distance", 0.1, Verdict.DISTANCE_AT_LEAST, EnumSet.allOf(ColumnKind.class));

  /** How a score and its threshold decide drift. */
  private enum Verdict {
    P_VALUE_AT_MOST,
    P_VALUE_BELOW,
    DISTANCE_AT_LEAST
  }

  private final String id;
  private final String displayName;
  private final double defaultThreshold;
  private final Verdict verdict;
  private final Set<ColumnKind> kinds;

  StatTest(String id, String displayName, double defaultThreshold, Verdict verdict, Set<ColumnKind> kinds) {
    this.id = id;
    this.displayName = displayName;
    this.defaultThreshold = defaultThreshold;
    this.verdict = verdict;
    this.kinds = kinds;
  }

  /** The name used in config and by Evidently's {@code stattest=} argument, e.g. {@code ks}. */
  public String id() {
    return id;
  }

  /** Evidently's {@code stattest_name}, e.g. {@code K-S p_value}. */
  public String displayName() {
    return displayName;
  }

  public double defaultThreshold() {
    return defaultThreshold;
  }

  /** True when the score is a p-value (small means drift); false for distances (large means drift). */
  public boolean scoresPValue() {
    return verdict != Verdict.DISTANCE_AT_LEAST;
  }

  public boolean accepts(ColumnKind kind) {
    return kinds.contains(kind);
  }

  public boolean drifted(double score, double threshold) {
    return switch (verdict) {
      case P_VALUE_AT_MOST -> score <= threshold;
      case P_VALUE_BELOW -> score < threshold;
      case DISTANCE_AT_LEAST -> score >= threshold;
    };
  }

  /** The test of that id (case-insensitive); the message lists the ids when there is none. */
  public static StatTest byId(String id) {
    String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(t -> t.id.equals(wanted)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown stattest '" + id + "'; use one of " + ids()));
  }

  public static String ids() {
    return Arrays.stream(values()).map(StatTest::id).collect(Collectors.joining(", ", "[", "]"));
  }

  /** The ids of the tests that accept this kind of column, for error messages. */
  public static String idsFor(ColumnKind kind) {
    return Arrays.stream(values()).filter(t -> t.accepts(kind)).map(StatTest::id).collect(Collectors.joining(", "));
  }
}
