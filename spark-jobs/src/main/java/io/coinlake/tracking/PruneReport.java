package io.coinlake.tracking;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one retention pass did for a model: the versions whose model files were deleted, and those
 * it meant to prune but left alone, with why (their source is outside the run's artifacts, or the
 * run could not be read).
 */
public record PruneReport(String model, int keep, List<Integer> pruned, Map<Integer, String> skipped) {
  public PruneReport {
    pruned = List.copyOf(pruned);
    skipped = Map.copyOf(skipped);
  }

  /** One line for the console. */
  public String describe() {
    String kept = "keeping the newest " + keep + " versions, every aliased version and the champion's rollback target";
    if (pruned.isEmpty()) {
      return "nothing to prune in " + model + " (" + kept + ")";
    }
    return "pruned the model artifacts of " + versions(pruned) + " of " + model + " (" + kept + ")";
  }

  /** One line per skipped version, sorted by version. */
  public List<String> skippedLines() {
    return skipped.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> "left v" + e.getKey() + " of " + model + " alone: " + e.getValue())
        .toList();
  }

  static String versions(List<Integer> versions) {
    return versions.stream().map(v -> "v" + v).collect(Collectors.joining(", "));
  }
}
