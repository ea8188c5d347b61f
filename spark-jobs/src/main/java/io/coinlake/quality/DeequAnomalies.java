package io.coinlake.quality;

import com.amazon.deequ.AnomalyCheckConfig;
import com.amazon.deequ.VerificationRunBuilderWithRepository;
import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.Completeness;
import com.amazon.deequ.analyzers.Size;
import com.amazon.deequ.anomalydetection.AbsoluteChangeStrategy;
import com.amazon.deequ.anomalydetection.AnomalyDetectionStrategy;
import com.amazon.deequ.anomalydetection.RelativeRateOfChangeStrategy;
import com.amazon.deequ.checks.CheckLevel;
import com.amazon.deequ.constraints.ConstraintResult;
import com.amazon.deequ.constraints.ConstraintStatus;
import com.amazon.deequ.metrics.Metric;
import io.coinlake.quality.DeequMetricsRepository.Previous;
import java.util.Map;
import java.util.Optional;
import scala.Option;
import scala.util.Try;

/**
 * Translates {@link AnomalyCheck}s into Deequ anomaly checks (analyzer, strategy, config) and
 * Deequ's constraint results back into {@link AnomalyOutcome}s. Part of the Deequ adapter behind
 * {@link DeequVerifier}.
 *
 * <p>Every strategy compares the newest point with the one before it (order 1). Deequ looks only
 * at entries whose source tag matches and whose date is at most run date - 1 ms, i.e. strictly
 * before the run date, so re-running an old date never compares with later dates or itself.
 */
final class DeequAnomalies {
  private DeequAnomalies() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  static Analyzer<?, Metric<?>> analyzer(AnomalyCheck check) {
    Analyzer analyzer = switch (check.metric()) {
      case AnomalyCheck.SIZE -> new Size(Option.empty());
      case AnomalyCheck.COMPLETENESS -> new Completeness(check.column(), Option.empty(), Option.empty());
      default -> throw new IllegalStateException("unknown anomaly metric " + check.metric());
    };
    return analyzer;
  }

  static AnomalyDetectionStrategy strategy(AnomalyCheck check) {
    if (check.isRelative()) {
      return new RelativeRateOfChangeStrategy(
          Option.<Object>apply(check.maxRateDecrease()), Option.<Object>apply(check.maxRateIncrease()), 1);
    }
    return new AbsoluteChangeStrategy(Option.<Object>apply(-check.maxDrop()), Option.empty(), 1);
  }

  static AnomalyCheckConfig config(AnomalyCheck check, MetricsHistory history) {
    return new AnomalyCheckConfig(
        CheckLevel.Warning(),
        "anomaly " + check.name(),
        DeequMetricsRepository.scalaMap(Map.of(MetricsHistory.TAG_SOURCE, history.source())),
        Option.empty(),
        Option.<Object>apply(history.runDateMillis() - 1));
  }

  /** Adds the check to the run; Deequ appends it as the last entry of {@code checks()}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static VerificationRunBuilderWithRepository add(
      VerificationRunBuilderWithRepository builder, AnomalyCheck check, MetricsHistory history) {
    Analyzer analyzer = analyzer(check);
    return builder.addAnomalyCheck(strategy(check), analyzer, Option.apply(config(check, history)));
  }

  static AnomalyOutcome notMeasured(AnomalyCheck check, String why) {
    return new AnomalyOutcome(check.name(), check.describeMetric(), null, null, null, null, null,
        AnomalyOutcome.NOT_MEASURED, "not measured: " + why);
  }

  /**
   * The outcome from Deequ's result for the check's single constraint. The status is Deequ's
   * (success = passed, failure = warning) unless there is no earlier point, where Deequ fails
   * with "There have to be previous results" and we report no_history instead.
   */
  static AnomalyOutcome outcome(AnomalyCheck check, Optional<Previous> previous,
      ConstraintResult result, MetricsHistory history) {
    Double value = null;
    String failure = "Deequ returned no metric";
    if (result.metric().isDefined()) {
      Try<?> measured = result.metric().get().value();
      if (measured.isSuccess() && measured.get() instanceof Number n) {
        value = n.doubleValue();
      } else if (measured.isFailure()) {
        failure = DeequVerifier.firstLine(measured.failed().get().getMessage());
      }
    }
    if (value == null) {
      return notMeasured(check, failure);
    }
    String metric = check.describeMetric();
    if (previous.isEmpty()) {
      return new AnomalyOutcome(check.name(), metric, value, null, null, null, null,
          AnomalyOutcome.NO_HISTORY, metric + " = " + value + "; no earlier run of "
          + history.source() + " before " + history.runDate() + ", so this is the first point");
    }
    Previous prev = previous.get();
    Double lower = check.lowerBound(prev.value());
    Double upper = check.upperBound(prev.value());
    boolean passed = result.status() == ConstraintStatus.Success();
    String change = check.isRelative()
        ? "ratio " + (value / prev.value())
            + " allowed [" + orInf(check.maxRateDecrease(), "0") + ", " + orInf(check.maxRateIncrease(), "inf") + "]"
        : "change " + (value - prev.value()) + " allowed >= " + (-check.maxDrop());
    String message = metric + " = " + value + " vs " + prev.value() + " on " + prev.runDate()
        + ": " + change + (passed ? "" : " -> anomaly");
    if (!passed && result.message().isDefined() && insideBounds(value, lower, upper)) {
      message += " (Deequ: " + DeequVerifier.firstLine(result.message().get()) + ")";
    }
    return new AnomalyOutcome(check.name(), metric, value, prev.value(), prev.runDate().toString(),
        lower, upper, passed ? AnomalyOutcome.PASSED : AnomalyOutcome.WARNING, message);
  }

  private static String orInf(Double bound, String unbounded) {
    return bound == null ? unbounded : bound.toString();
  }

  private static boolean insideBounds(double value, Double lower, Double upper) {
    return (lower == null || value >= lower) && (upper == null || value <= upper);
  }
}
