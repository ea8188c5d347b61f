package io.coinlake.tracking;

/**
 * A registry operation was refused because of the registry's state (no such version, its files
 * were pruned, nothing to roll back to). Nothing was changed; the message is one line that says
 * what to do instead.
 */
public final class RegistryRefusal extends RuntimeException {
  public RegistryRefusal(String message) {
    super(message);
  }
}
