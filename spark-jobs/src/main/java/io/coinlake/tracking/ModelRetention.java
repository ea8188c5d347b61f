package io.coinlake.tracking;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Retention of registered versions' model files (config {@code mlflow.keepModelVersions}): deletes
 * the files of the versions {@link VersionSelection#toPrune} names and tags each with {@link
 * VersionTags#ARTIFACTS_PRUNED}; the registry entries stay, so the versions are still listed.
 * Uses {@link TrackingBackend} and {@link ModelRegistry} only.
 */
public final class ModelRetention {
  private final TrackingBackend runs;
  private final ModelRegistry registry;
  private final Clock clock;

  public ModelRetention(TrackingBackend runs, ModelRegistry registry, Clock clock) {
    this.runs = runs;
    this.registry = registry;
    this.clock = clock;
  }

  public PruneReport prune(String model, int keep) {
    RegistrySnapshot snapshot = RegistrySnapshot.read(registry, model);
    List<Integer> chosen =
        VersionSelection.toPrune(snapshot.states(), keep, snapshot.aliasVersion(ModelPromotion.CHAMPION), model);
    List<Integer> pruned = new ArrayList<>();
    Map<Integer, String> skipped = new LinkedHashMap<>();
    for (ModelVersion v : snapshot.versions()) {
      if (!chosen.contains(v.version())) {
        continue;
      }
      Optional<String> path;
      try {
        path = VersionSelection.artifactPathInRun(v.source(), v.runId(), runs.artifactUri(v.runId()));
      } catch (TrackingException e) {
        skipped.put(v.version(), "its run " + v.runId() + " cannot be read (" + e.getMessage() + ")");
        continue;
      }
      if (path.isEmpty()) {
        skipped.put(v.version(), "its source " + v.source() + " is not inside the artifacts of run " + v.runId());
        continue;
      }
      // Tag first: if the delete then fails, the version is refused by promote rather than
      // promoted with half its files gone.
      registry.setVersionTag(model, v.version(), VersionTags.ARTIFACTS_PRUNED, "true");
      registry.setVersionTag(model, v.version(), VersionTags.ARTIFACTS_PRUNED_AT, now());
      runs.deleteArtifacts(v.runId(), path.get());
      pruned.add(v.version());
    }
    return new PruneReport(model, keep, pruned, skipped);
  }

  private String now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
