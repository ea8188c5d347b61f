package io.coinlake.tracking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One registered model as read at one moment through {@link ModelRegistry}: its versions (oldest
 * first), its aliases and every version's tags. Works the same for every backend.
 */
public record RegistrySnapshot(
    String model, List<ModelVersion> versions, Map<String, Integer> aliases, Map<Integer, Map<String, String>> tags) {

  public static RegistrySnapshot read(ModelRegistry registry, String model) {
    List<ModelVersion> versions = registry.listVersions(model);
    Map<Integer, Map<String, String>> tags = new LinkedHashMap<>();
    for (ModelVersion v : versions) {
      tags.put(v.version(), registry.versionTags(model, v.version()));
    }
    return new RegistrySnapshot(model, versions, registry.aliases(model), tags);
  }

  /** The version the alias points at, or null. */
  public Integer aliasVersion(String alias) {
    return aliases.get(alias);
  }

  /** The aliases pointing at this version, sorted. */
  public List<String> aliasesOf(int version) {
    return aliases.entrySet().stream().filter(e -> e.getValue() == version).map(Map.Entry::getKey).sorted().toList();
  }

  public Map<String, String> tagsOf(int version) {
    return tags.getOrDefault(version, Map.of());
  }

  public boolean pruned(int version) {
    return "true".equalsIgnoreCase(tagsOf(version).get(VersionTags.ARTIFACTS_PRUNED));
  }

  /** The {@link VersionTags#PREVIOUS_CHAMPION} tag as a number; null when absent or not a number. */
  public Integer previousChampion(int version) {
    String text = tagsOf(version).get(VersionTags.PREVIOUS_CHAMPION);
    if (text == null) {
      return null;
    }
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The input of {@link VersionSelection}'s rules. */
  public List<VersionState> states() {
    List<VersionState> out = new ArrayList<>();
    for (ModelVersion v : versions) {
      out.add(new VersionState(v.version(), v.runId(), v.source(), aliasesOf(v.version()), pruned(v.version()),
          previousChampion(v.version())));
    }
    return out;
  }
}
