package io.coinlake.tracking;

/**
 * The model-version tags coinlake sets to keep the champion's history and the retention state in
 * the registry itself, so every backend (file store or tracking server) shows them.
 */
public final class VersionTags {
  /** On a version that became champion by train or promote: the version that was champion before it. */
  public static final String PREVIOUS_CHAMPION = "coinlake.previous_champion";
  /** When the version last became champion, ISO-8601 UTC. */
  public static final String CHAMPION_SINCE = "coinlake.champion_since";
  /** On a version that became champion by rollback: the version rolled back from. */
  public static final String ROLLED_BACK_FROM = "coinlake.rolled_back_from";
  /** "true" once the version's model files were deleted by retention; the registry entry stays. */
  public static final String ARTIFACTS_PRUNED = "coinlake.artifacts_pruned";
  /** When the model files were deleted, ISO-8601 UTC. */
  public static final String ARTIFACTS_PRUNED_AT = "coinlake.artifacts_pruned_at";

  private VersionTags() {}
}
