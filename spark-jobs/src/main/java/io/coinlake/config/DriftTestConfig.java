package io.coinlake.config;

import io.coinlake.monitor.ColumnKind;
import io.coinlake.monitor.StatTest;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A drift test choice: {@code stattest} (an id of {@link StatTest}, e.g. {@code ks}, {@code psi})
 * and/or its {@code threshold}. Either may be left out: no stattest means Evidently's choice by
 * column kind and size, no threshold means the chosen test's default.
 */
public record DriftTestConfig(String stattest, Double threshold) {
  public static final DriftTestConfig AUTO = new DriftTestConfig(null, null);

  public DriftTestConfig {
    if (stattest != null && stattest.isBlank()) {
      stattest = null;
    }
    if (stattest != null) {
      stattest = StatTest.byId(stattest).id();
    }
    if (threshold != null) {
      Checks.positive(threshold, "threshold");
    }
  }

  public Optional<StatTest> test() {
    return Optional.ofNullable(stattest).map(StatTest::byId);
  }

  public OptionalDouble thresholdValue() {
    return threshold == null ? OptionalDouble.empty() : OptionalDouble.of(threshold);
  }

  /** Rejects a test that cannot compare this kind of column, e.g. ks on categories. */
  DriftTestConfig requireKind(ColumnKind kind, String key) {
    test().filter(t -> !t.accepts(kind)).ifPresent(t -> {
      throw new IllegalArgumentException("'" + key + ".stattest' " + t.id() + " does not apply to "
          + kind.name().toLowerCase() + " columns; use one of: " + StatTest.idsFor(kind));
    });
    return this;
  }
}
