package io.coinlake.tracking;

import java.util.List;

/**
 * What the champion and retention rules need to know about one registered version: its run and
 * source, the aliases pointing at it, whether its model files were pruned, and the champion it
 * replaced ({@code previousChampion}, null when unknown).
 */
public record VersionState(
    int version, String runId, String source, List<String> aliases, boolean pruned, Integer previousChampion) {
  public VersionState {
    aliases = List.copyOf(aliases);
  }

  public boolean aliased() {
    return !aliases.isEmpty();
  }
}
