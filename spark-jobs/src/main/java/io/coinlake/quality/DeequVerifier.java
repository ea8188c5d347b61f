package io.coinlake.quality;

import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationRunBuilder;
import com.amazon.deequ.VerificationRunBuilderWithRepository;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckLevel;
import com.amazon.deequ.checks.CheckResult;
import com.amazon.deequ.constraints.ConstraintResult;
import com.amazon.deequ.constraints.ConstraintStatus;
import com.amazon.deequ.metrics.Metric;
import com.amazon.deequ.repository.fs.FileSystemMetricsRepository;
import io.coinlake.quality.DeequMetricsRepository.Previous;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import scala.Option;
import scala.collection.JavaConverters;
import scala.runtime.AbstractFunction1;
import scala.util.Try;

/**
 * The Deequ adapter (with its package-private helpers {@link DeequAnomalies} and
 * {@link DeequMetricsRepository}, the only code that touches Deequ's Scala API): runs
 * {@link ConstraintSpec}s through one Deequ {@code VerificationSuite} run and returns plain-Java
 * {@link ConstraintOutcome}s; with a {@link MetricsHistory} the same run also stores its metrics
 * per run date and runs anomaly checks against earlier dates ({@link AnomalyOutcome}s).
 *
 * <p>Each valid spec becomes its own Deequ {@code Check} (level from the spec, description = spec
 * name) holding exactly one constraint, so every outcome maps back to its spec without relying on
 * names being unique. Deequ shares one scan of the data among all COMPLETENESS and SATISFIES
 * specs, plus one group-by per distinct UNIQUENESS key.
 *
 * <p>Invalid specs (a column missing from the schema; a predicate that does not parse, does not
 * resolve, is not boolean, or uses aggregate/window functions) are not sent to Deequ: they come
 * back as {@code passed=false, metric=NaN} with a message naming the problem. This is deliberate,
 * not only for reporting: inside Deequ one broken predicate in the shared scan would fail every
 * COMPLETENESS and SATISFIES metric of the run. Only a failure of the run itself (e.g. the input
 * cannot be read) throws, as a {@link DeequVerificationException}.
 */
public final class DeequVerifier {

  private DeequVerifier() {}

  /** Runs all specs in one verification; returns one outcome per spec, in the order of specs. */
  public static List<ConstraintOutcome> verify(Dataset<Row> data, List<ConstraintSpec> specs) {
    return run(data, specs, null).constraints();
  }

  /**
   * Runs all specs and the history's anomaly checks in one verification, and stores every metric
   * the run computed (constraint and anomaly metrics) in the history's repository under (run
   * date, {source, window}). The date keeps one entry: an earlier run of the same source and date
   * is replaced (under the same key Deequ merges, so a metric only the earlier run computed, e.g.
   * of a check since removed from the contract, stays). Anomaly checks compare with the latest
   * stored run of the same source strictly before the run date.
   *
   * @return one outcome per spec (in spec order) and one per anomaly check (in history order)
   * @throws DeequVerificationException when the run fails or the repository cannot be read or
   *     written (the message names the path)
   */
  public static VerificationOutcome verify(
      Dataset<Row> data, List<ConstraintSpec> specs, MetricsHistory history) {
    Objects.requireNonNull(history, "history");
    return run(data, specs, history);
  }

  private static VerificationOutcome run(
      Dataset<Row> data, List<ConstraintSpec> specs, MetricsHistory history) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(specs, "specs");
    List<ConstraintSpec> all = List.copyOf(specs);
    List<AnomalyCheck> anomalies = history == null ? List.of() : history.anomalies();

    ConstraintOutcome[] outcomes = new ConstraintOutcome[all.size()];
    Map<Integer, Check> checks = new LinkedHashMap<>();
    for (int i = 0; i < all.size(); i++) {
      ConstraintSpec spec = all.get(i);
      String problem = specProblem(data, spec);
      if (problem != null) {
        outcomes[i] = new ConstraintOutcome(spec.name(), spec.level(), false, Double.NaN,
            spec.minFraction(), "not measured: " + problem);
      } else {
        checks.put(i, toCheck(spec));
      }
    }
    AnomalyOutcome[] anomalyOutcomes = new AnomalyOutcome[anomalies.size()];
    List<Integer> measurable = new ArrayList<>();
    for (int i = 0; i < anomalies.size(); i++) {
      String problem = missingColumns(data, anomalies.get(i).columns());
      if (problem != null) {
        anomalyOutcomes[i] = DeequAnomalies.notMeasured(anomalies.get(i), problem);
      } else {
        measurable.add(i);
      }
    }
    if (checks.isEmpty() && history == null) {
      return new VerificationOutcome(List.of(outcomes), List.of());
    }

    VerificationRunBuilder builder = new VerificationSuite()
        .onData(data)
        .addChecks(JavaConverters.asScalaBuffer(new ArrayList<>(checks.values())).toList());
    Map<Integer, Optional<Previous>> previous = new HashMap<>();
    Map<Integer, Check> anomalyChecks = new HashMap<>();
    if (history != null) {
      FileSystemMetricsRepository repository =
          DeequMetricsRepository.open(data.sparkSession(), history.repositoryPath());
      VerificationRunBuilderWithRepository withRepository = builder.useRepository(repository)
          .saveOrAppendResult(DeequMetricsRepository.key(history));
      for (int i : measurable) {
        AnomalyCheck anomaly = anomalies.get(i);
        previous.put(i, previous(repository, history, anomaly));
        withRepository = DeequAnomalies.add(withRepository, anomaly, history);
        anomalyChecks.put(i, withRepository.checks().last());
      }
      builder = withRepository;
    }

    VerificationResult result;
    try {
      result = builder.run();
    } catch (RuntimeException e) {
      throw new DeequVerificationException("Deequ verification of " + checks.size()
          + " constraint(s) and " + measurable.size() + " anomaly check(s) failed"
          + (history == null ? "" : " (metrics repository " + history.repositoryPath() + ")")
          + ": " + e.getMessage(), e);
    }

    for (Map.Entry<Integer, Check> entry : checks.entrySet()) {
      ConstraintSpec spec = all.get(entry.getKey());
      outcomes[entry.getKey()] = toOutcome(spec, singleResult(result, entry.getValue(), spec.name()));
    }
    for (int i : measurable) {
      AnomalyCheck anomaly = anomalies.get(i);
      anomalyOutcomes[i] = DeequAnomalies.outcome(anomaly, previous.get(i),
          singleResult(result, anomalyChecks.get(i), anomaly.name()), history);
    }
    if (history != null) {
      DeequMetricsRepository.dropOtherWindows(data.sparkSession(), history);
    }
    return new VerificationOutcome(List.of(outcomes), List.of(anomalyOutcomes));
  }

  private static Optional<Previous> previous(
      FileSystemMetricsRepository repository, MetricsHistory history, AnomalyCheck anomaly) {
    try {
      return DeequMetricsRepository.previous(repository, history, DeequAnomalies.analyzer(anomaly));
    } catch (RuntimeException e) {
      throw new DeequVerificationException("cannot read the metrics repository "
          + history.repositoryPath() + ": " + firstLine(e.getMessage())
          + "; fix or move the file (a new one is started when it is missing)", e);
    }
  }

  private static ConstraintResult singleResult(VerificationResult result, Check check, String name) {
    Option<CheckResult> checkResult = result.checkResults().get(check);
    if (checkResult.isEmpty() || checkResult.get().constraintResults().size() != 1) {
      throw new IllegalStateException(
          "Deequ returned no single constraint result for check '" + name + "'");
    }
    return checkResult.get().constraintResults().head();
  }

  /** Why Deequ cannot measure this spec on this data, or null when it can. */
  private static String specProblem(Dataset<Row> data, ConstraintSpec spec) {
    String missing = missingColumns(data, spec.kind() == ConstraintKind.UNIQUENESS && spec.predicate() != null
        ? Stream.concat(spec.columns().stream(), Stream.of(spec.predicate())).toList()
        : spec.columns());
    if (missing != null) {
      return missing;
    }
    if (spec.kind() == ConstraintKind.SATISFIES) {
      try {
        // A filter is analysed eagerly (no Spark job) and rejects what Deequ's Compliance
        // aggregation cannot take: unparsable, unresolved, non-boolean, aggregate, window.
        data.where(functions.expr(spec.predicate()));
      } catch (Exception e) { // AnalysisException (checked in Java's eyes) or ParseException
        return "invalid predicate '" + spec.predicate() + "': " + firstLine(e.getMessage());
      }
    }
    return null;
  }

  private static String missingColumns(Dataset<Row> data, List<String> columns) {
    Set<String> known = Set.of(data.schema().fieldNames());
    List<String> missing = columns.stream().filter(c -> !known.contains(c)).toList();
    return missing.isEmpty() ? null
        : "column(s) " + missing + " not found; the data has " + new TreeSet<>(known);
  }

  private static Check toCheck(ConstraintSpec spec) {
    Check empty = new Check(
        spec.level() == Level.ERROR ? CheckLevel.Error() : CheckLevel.Warning(),
        spec.name(),
        JavaConverters.asScalaBuffer(new ArrayList<com.amazon.deequ.constraints.Constraint>())
            .toList());
    AtLeast assertion = new AtLeast(spec.minFraction());
    return switch (spec.kind()) {
      case COMPLETENESS ->
          empty.hasCompleteness(spec.columns().get(0), assertion, Option.empty(), Option.empty());
      case SATISFIES -> empty.satisfies(spec.predicate(), spec.name(), assertion, Option.empty(),
          JavaConverters.asScalaBuffer(spec.columns()).toList(), Option.empty());
      case UNIQUENESS -> spec.predicate() == null
          ? empty.hasUniqueness(JavaConverters.asScalaBuffer(spec.columns()).toList(), assertion, Option.empty(), Option.empty())
          // Deequ's uniqueness counts the rows with a non-null key column; so does this share
          : empty.satisfies("`" + spec.predicate() + "`", spec.name(), assertion, Option.empty(),
              JavaConverters.asScalaBuffer(spec.columns()).toList(), Option.empty())
              .where(spec.columns().stream().map(c -> "`" + c + "` IS NOT NULL").collect(Collectors.joining(" OR ")));
    };
  }

  private static ConstraintOutcome toOutcome(ConstraintSpec spec, ConstraintResult r) {
    double metric = Double.NaN;
    String failure = null;
    if (r.metric().isDefined()) {
      Metric<?> m = r.metric().get();
      Try<?> value = m.value();
      if (value.isSuccess() && value.get() instanceof Number n) {
        metric = n.doubleValue();
      } else if (value.isFailure()) {
        failure = firstLine(value.failed().get().getMessage());
      }
    }
    if (Double.isNaN(metric)) {
      String why = failure != null ? failure
          : r.message().isDefined() ? r.message().get() : "Deequ returned no metric";
      return new ConstraintOutcome(spec.name(), spec.level(), false, Double.NaN,
          spec.minFraction(), "not measured: " + why);
    }
    boolean passed = r.status() == ConstraintStatus.Success();
    String message = describe(spec) + " = " + metric + (passed ? " >= " : " < ")
        + spec.minFraction() + (passed ? "" : " (required minimum)");
    return new ConstraintOutcome(
        spec.name(), spec.level(), passed, metric, spec.minFraction(), message);
  }

  private static String describe(ConstraintSpec spec) {
    return switch (spec.kind()) {
      case COMPLETENESS -> "completeness(" + spec.columns().get(0) + ")";
      case SATISFIES -> "share of rows with " + spec.predicate();
      case UNIQUENESS -> "uniqueness(" + String.join(", ", spec.columns()) + ")";
    };
  }

  static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    return Arrays.stream(message.split("\\R")).filter(s -> !s.isBlank()).findFirst()
        .orElse(message).strip();
  }

  /** Deequ assertion {@code metric >= min}; a Scala {@code Double => Boolean} written in Java. */
  private static final class AtLeast extends AbstractFunction1<Object, Object>
      implements Serializable {
    private static final long serialVersionUID = 1L;
    private final double min;

    AtLeast(double min) {
      this.min = min;
    }

    @Override
    public Object apply(Object metric) {
      return ((Number) metric).doubleValue() >= min;
    }

    @Override
    public String toString() {
      return ">= " + min;
    }
  }
}
