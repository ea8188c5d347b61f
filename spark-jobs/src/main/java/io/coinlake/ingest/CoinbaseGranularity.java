package io.coinlake.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The candle granularities Coinbase Exchange offers, in seconds, and the lake's interval names for
 * them. One table, read both ways: fetch turns {@code ingest.ohlcv.interval} into the
 * {@code granularity} query parameter, the candles format turns the granularity in a landed file's
 * name back into the interval column.
 */
public final class CoinbaseGranularity {
  private static final Map<String, Long> SECONDS = new LinkedHashMap<>();

  static {
    SECONDS.put("1m", 60L);
    SECONDS.put("5m", 300L);
    SECONDS.put("15m", 900L);
    SECONDS.put("1h", 3_600L);
    SECONDS.put("6h", 21_600L);
    SECONDS.put("1d", 86_400L);
  }

  private CoinbaseGranularity() {}

  /** The granularity in seconds for an interval such as 1d, or empty when Coinbase has no such candles. */
  public static OptionalLong seconds(String interval) {
    Long s = SECONDS.get(interval);
    return s == null ? OptionalLong.empty() : OptionalLong.of(s);
  }

  /** The interval name for a granularity in seconds (86400 -> 1d), or empty for one Coinbase does not offer. */
  public static Optional<String> interval(long seconds) {
    return SECONDS.entrySet().stream().filter(e -> e.getValue() == seconds).map(Map.Entry::getKey).findFirst();
  }

  /** The supported interval names, smallest first, for error messages. */
  public static Set<String> intervals() {
    return SECONDS.keySet();
  }
}
