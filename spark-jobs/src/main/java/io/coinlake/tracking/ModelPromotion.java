package io.coinlake.tracking;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The one place that moves the {@code champion} alias (train, {@code model promote} and {@code
 * model rollback} all come here), through {@link ModelRegistry} only, so it works for every
 * backend. Every forward move tags the new champion with the version it replaced ({@link
 * VersionTags#PREVIOUS_CHAMPION}); a rollback follows that tag and leaves it as it is, so a second
 * rollback goes one step further back instead of returning to the version just rolled back from.
 */
public final class ModelPromotion {
  public static final String CHAMPION = "champion";

  private final ModelRegistry registry;
  private final Clock clock;

  public ModelPromotion(ModelRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  /**
   * Makes {@code version} the champion. Refused (nothing changes) when it does not exist or its
   * model files were pruned; promoting the current champion changes nothing.
   */
  public ChampionMove promote(String model, int version) {
    RegistrySnapshot snapshot = RegistrySnapshot.read(registry, model);
    Optional<String> refusal = VersionSelection.promotionRefusal(snapshot.states(), version, model);
    if (refusal.isPresent()) {
      throw new RegistryRefusal(refusal.get());
    }
    Integer current = snapshot.aliasVersion(CHAMPION);
    if (current != null && current == version) {
      return new ChampionMove(model, current, version, null);
    }
    if (current != null) {
      registry.setVersionTag(model, version, VersionTags.PREVIOUS_CHAMPION, Integer.toString(current));
    }
    registry.setVersionTag(model, version, VersionTags.CHAMPION_SINCE, now());
    registry.setAlias(model, CHAMPION, version);
    return new ChampionMove(model, current, version, null);
  }

  /** Moves the champion back to where {@link VersionSelection#rollbackTarget} says; refused when there is nowhere to go. */
  public ChampionMove rollback(String model) {
    RegistrySnapshot snapshot = RegistrySnapshot.read(registry, model);
    Integer current = snapshot.aliasVersion(CHAMPION);
    VersionSelection.RollbackTarget target = VersionSelection.rollbackTarget(snapshot.states(), current, model);
    if (!target.found()) {
      throw new RegistryRefusal(target.reason());
    }
    registry.setVersionTag(model, target.version(), VersionTags.ROLLED_BACK_FROM, Integer.toString(current));
    registry.setVersionTag(model, target.version(), VersionTags.CHAMPION_SINCE, now());
    registry.setAlias(model, CHAMPION, target.version());
    return new ChampionMove(model, current, target.version(), target.reason());
  }

  private String now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
