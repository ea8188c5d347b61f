package io.coinlake.train;

import java.util.List;

/**
 * A reproduction of a training run: the new run (tagged {@code coinlake.reproduces=<original>}),
 * both runs' selected models, and every summary metric side by side.
 */
public record Reproduction(String originalRunId, String runId, String originalModel, String selectedModel,
    List<MetricComparison> metrics) {

  public Reproduction {
    metrics = List.copyOf(metrics);
  }

  /** The metrics that differ beyond {@link MetricComparison#TOLERANCE} or that the original lacks. */
  public List<MetricComparison> mismatches() {
    return metrics.stream().filter(m -> !m.matches()).toList();
  }

  public boolean exact() {
    return mismatches().isEmpty() && selectedModel.equals(originalModel);
  }
}
