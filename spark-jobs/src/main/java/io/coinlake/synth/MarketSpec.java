package io.coinlake.synth;

import java.time.LocalDate;

/**
 * What to generate: {@code coins} coins with {@code days} daily candles each, all ending on
 * {@link #LAST_DAY}, from {@code seed}. The same spec always gives the same market.
 */
public record MarketSpec(int coins, int days, long seed) {
  /** Every generated series ends here, so data sets of any size share their newest day. */
  public static final LocalDate LAST_DAY = LocalDate.of(2024, 12, 31);
  public static final int MAX_COINS = 99_999;
  public static final int MAX_DAYS = 36_500;

  public MarketSpec {
    if (coins < 1 || coins > MAX_COINS) {
      throw new IllegalArgumentException("--coins must be between 1 and " + MAX_COINS + ", got " + coins);
    }
    if (days < 2 || days > MAX_DAYS) {
      throw new IllegalArgumentException("--days must be between 2 and " + MAX_DAYS + " (a return needs two days), got " + days);
    }
  }

  public LocalDate firstDay() {
    return LAST_DAY.minusDays(days - 1L);
  }

  public long rows() {
    return (long) coins * days;
  }

  /** The ticker of coin {@code index} (0-based): C0001, C0002, ... */
  public String symbol(int index) {
    return String.format("C%0" + Math.max(4, Integer.toString(coins).length()) + "d", index + 1);
  }

  /** The coin's file in the per_coin_file layout: SYMBOL-USD_1d.csv. */
  public String fileName(int index) {
    return symbol(index) + "-USD_1d.csv";
  }

  /** A folder name that tells the data sets apart: c200-d5000-s42. */
  public String name() {
    return "c" + coins + "-d" + days + "-s" + seed;
  }
}
