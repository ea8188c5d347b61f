package io.coinlake.tracking;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The registry rules, pure (no I/O, no clock): where a rollback of the champion goes, whether a
 * version may become champion, and which versions' model files retention deletes. Refusals are
 * one-line messages that say what to do instead.
 */
public final class VersionSelection {
  private VersionSelection() {}

  /** Where a rollback goes: a version and why, or (version null) why there is nowhere to go. */
  public record RollbackTarget(Integer version, String reason) {
    public boolean found() {
      return version != null;
    }
  }

  /**
   * Rollback follows the champion's {@link VersionTags#PREVIOUS_CHAMPION} tag. Without that tag it
   * goes to the newest earlier version whose model files are still there. A recorded previous
   * champion that is gone or pruned is refused, not silently replaced by another version.
   */
  public static RollbackTarget rollbackTarget(List<VersionState> versions, Integer champion, String model) {
    if (champion == null) {
      return refused("model " + model + " has no champion alias, so there is nothing to roll back; set one with"
          + " ./coinlake model promote --model " + model + " --version N");
    }
    Map<Integer, VersionState> byVersion = byVersion(versions);
    VersionState current = byVersion.get(champion);
    if (current == null) {
      return refused("the champion alias of " + model + " points at v" + champion + ", which does not exist; set it with"
          + " ./coinlake model promote --model " + model + " --version N");
    }
    Integer previous = current.previousChampion();
    if (previous != null && !previous.equals(champion)) {
      VersionState target = byVersion.get(previous);
      if (target == null) {
        return refused("v" + previous + ", the champion before v" + champion + " of " + model + ", no longer exists;"
            + " choose a version with ./coinlake model promote --model " + model + " --version N");
      }
      if (target.pruned()) {
        return refused("v" + previous + ", the champion before v" + champion + " of " + model + ", has had its model files"
            + " pruned; promote a version whose artifacts are present (./coinlake model list) with ./coinlake model promote --version N");
      }
      return new RollbackTarget(previous, "the previous champion");
    }
    return versions.stream()
        .filter(v -> v.version() < champion && !v.pruned())
        .max(Comparator.comparingInt(VersionState::version))
        .map(v -> new RollbackTarget(v.version(), "no previous champion recorded on v" + champion
            + ", so the newest earlier version with model files"))
        .orElseGet(() -> refused("nothing to roll back to: v" + champion + " of " + model
            + " has no previous champion recorded and no earlier version has model files"));
  }

  /** Why {@code version} cannot become champion, or empty when it can. */
  public static Optional<String> promotionRefusal(List<VersionState> versions, int version, String model) {
    VersionState target = byVersion(versions).get(version);
    if (target == null) {
      return Optional.of(model + " has no version " + version + " (" + describe(versions)
          + "); ./coinlake model list --model " + model + " shows them");
    }
    if (target.pruned()) {
      return Optional.of("v" + version + " of " + model + " has had its model files pruned (mlflow.keepModelVersions);"
          + " promote a version whose artifacts are present (./coinlake model list)");
    }
    return Optional.empty();
  }

  /**
   * The versions whose model files retention deletes, oldest first: every version older than the
   * newest {@code keep}, except one an alias points at, the champion's rollback target, one already
   * pruned, one without a run, and one sharing its source with a version that stays.
   */
  public static List<Integer> toPrune(List<VersionState> versions, int keep, Integer champion, String model) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be >= 1, got " + keep);
    }
    List<VersionState> newestFirst = versions.stream().sorted(Comparator.comparingInt(VersionState::version).reversed()).toList();
    Set<Integer> stays = new HashSet<>();
    newestFirst.stream().limit(keep).forEach(v -> stays.add(v.version()));
    versions.stream().filter(VersionState::aliased).forEach(v -> stays.add(v.version()));
    RollbackTarget rollback = rollbackTarget(versions, champion, model);
    if (rollback.found()) {
      stays.add(rollback.version());
    }
    Set<String> keptSources = versions.stream()
        .filter(v -> stays.contains(v.version()) && v.source() != null)
        .map(VersionState::source)
        .collect(Collectors.toSet());
    return versions.stream()
        .filter(v -> !stays.contains(v.version()))
        .filter(v -> !v.pruned() && v.runId() != null && v.source() != null && !keptSources.contains(v.source()))
        .map(VersionState::version)
        .sorted()
        .toList();
  }

  /**
   * The path of a version's files inside its run's artifacts, from its source: {@code
   * runs:/<run>/model} or {@code <run artifact root>/model} give {@code model}. Empty when the
   * source lies elsewhere (then retention leaves it alone) or is the artifact root itself.
   */
  public static Optional<String> artifactPathInRun(String source, String runId, String runArtifactUri) {
    if (source == null || runId == null) {
      return Optional.empty();
    }
    String rest = null;
    String runsPrefix = "runs:/" + runId + "/";
    if (source.startsWith(runsPrefix)) {
      rest = source.substring(runsPrefix.length());
    } else if (runArtifactUri != null) {
      String root = stripTrailingSlashes(runArtifactUri) + "/";
      if (source.startsWith(root)) {
        rest = source.substring(root.length());
      }
    }
    if (rest == null) {
      return Optional.empty();
    }
    rest = stripTrailingSlashes(rest);
    if (rest.isEmpty() || rest.startsWith("/") || List.of(rest.split("/")).contains("..")) {
      return Optional.empty();
    }
    return Optional.of(rest);
  }

  private static String stripTrailingSlashes(String s) {
    String out = s;
    while (out.endsWith("/")) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }

  private static Map<Integer, VersionState> byVersion(List<VersionState> versions) {
    return versions.stream().collect(Collectors.toMap(VersionState::version, Function.identity(), (a, b) -> a));
  }

  private static String describe(List<VersionState> versions) {
    if (versions.isEmpty()) {
      return "it has no versions";
    }
    int min = versions.stream().mapToInt(VersionState::version).min().orElseThrow();
    int max = versions.stream().mapToInt(VersionState::version).max().orElseThrow();
    return min == max ? "its only version is " + min : "its versions run from " + min + " to " + max;
  }

  private static RollbackTarget refused(String reason) {
    return new RollbackTarget(null, reason);
  }
}
