package io.coinlake.quality;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * A source's data contract: its checks, in the order they are reported, and its anomaly checks
 * against earlier run dates (possibly none). Names are unique across both lists.
 */
public record Contract(String source, List<ContractCheck> checks, List<AnomalyCheck> anomalies) {
  public Contract {
    if (checks == null || checks.isEmpty()) {
      throw new IllegalArgumentException("'checks' must list at least one check");
    }
    checks = List.copyOf(checks);
    anomalies = anomalies == null ? List.of() : List.copyOf(anomalies);
    var seen = new HashSet<String>();
    for (ContractCheck check : checks) {
      if (!seen.add(check.name())) {
        throw new IllegalArgumentException("check name '" + check.name() + "' is used twice");
      }
    }
    for (AnomalyCheck anomaly : anomalies) {
      if (!seen.add(anomaly.name())) {
        throw new IllegalArgumentException("anomaly name '" + anomaly.name()
            + "' is already used by another check or anomaly; rename it");
      }
    }
  }

  /** A contract without anomaly checks. */
  public Contract(String source, List<ContractCheck> checks) {
    this(source, checks, List.of());
  }

  public Optional<ContractCheck> firstOfKind(String kind) {
    return checks.stream().filter(c -> c.kind().equals(kind)).findFirst();
  }
}
