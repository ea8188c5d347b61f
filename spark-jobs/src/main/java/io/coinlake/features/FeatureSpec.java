package io.coinlake.features;

import java.io.Serializable;

/**
 * Window sizes and label horizon of the volatility features, in rows (not calendar days).
 *
 * <p>Invariants, checked on construction: every size is at least 1, {@code longWindow} is at
 * least 2 (the volume z-score needs a sample standard deviation) and {@code shortWindow <=
 * longWindow} (catches swapped arguments). Output column names (rv_7, rv_30, ...) stay the same
 * whatever the sizes are.
 *
 * @param shortWindow rows for rv_7, har_rv_w, parkinson_7, garman_klass_7
 * @param longWindow rows for rv_30, har_rv_m, volume_z_30, close_sma_ratio_30
 * @param rsiPeriod Wilder RSI period (rsi_14)
 * @param emaSpan EMA span, alpha = 2 / (span + 1) (close_ema_ratio_12)
 * @param horizon label horizon h (label and rv_last_h)
 */
public record FeatureSpec(int shortWindow, int longWindow, int rsiPeriod, int emaSpan, int horizon)
    implements Serializable {

  public FeatureSpec {
    requireAtLeast("shortWindow", shortWindow, 1);
    requireAtLeast("longWindow", longWindow, 2);
    requireAtLeast("rsiPeriod", rsiPeriod, 1);
    requireAtLeast("emaSpan", emaSpan, 1);
    requireAtLeast("horizon", horizon, 1);
    if (shortWindow > longWindow) {
      throw new IllegalArgumentException("FeatureSpec: shortWindow (" + shortWindow
          + ") must not exceed longWindow (" + longWindow + ")");
    }
  }

  /** The production setting: 7 / 30 / 14 / 12, horizon 7. */
  public static FeatureSpec defaults() {
    return new FeatureSpec(7, 30, 14, 12, 7);
  }

  /** The production windows with another label horizon (the task config's horizon). */
  public static FeatureSpec withHorizon(int horizon) {
    FeatureSpec d = defaults();
    return new FeatureSpec(d.shortWindow(), d.longWindow(), d.rsiPeriod(), d.emaSpan(), horizon);
  }

  private static void requireAtLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(
          "FeatureSpec: " + name + " must be >= " + min + ", got " + value);
    }
  }
}
