package io.coinlake.quality;

import java.util.List;

/**
 * What one Deequ verification run with a metrics history returned: one {@link ConstraintOutcome}
 * per spec (in spec order) and one {@link AnomalyOutcome} per anomaly check (in contract order).
 */
public record VerificationOutcome(List<ConstraintOutcome> constraints, List<AnomalyOutcome> anomalies) {
  public VerificationOutcome {
    constraints = List.copyOf(constraints);
    anomalies = List.copyOf(anomalies);
  }
}
