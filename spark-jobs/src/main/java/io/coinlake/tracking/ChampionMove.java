package io.coinlake.tracking;

/**
 * The outcome of moving the {@code champion} alias: from which version (null when there was no
 * champion) to which, and why that target (for a rollback). {@code from == to} means nothing moved.
 */
public record ChampionMove(String model, Integer from, int to, String reason) {
  public boolean moved() {
    return from == null || from != to;
  }

  /** One line for the console, e.g. "champion of coinlake-volatility moved from v3 to v5". */
  public String describe() {
    if (!moved()) {
      return "champion of " + model + " is already v" + to + "; nothing moved";
    }
    String line = "champion of " + model + " moved " + (from == null ? "to v" + to + " (there was none)" : "from v" + from + " to v" + to);
    return reason == null ? line : line + " (" + reason + ")";
  }
}
