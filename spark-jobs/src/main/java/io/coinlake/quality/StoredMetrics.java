package io.coinlake.quality;

import java.time.LocalDate;
import java.util.Map;

/**
 * One entry of a metrics repository, in plain Java: the run date, the key's tags and every
 * stored metric by {@code Name(instance)}, e.g. {@code Size(*)}, {@code Completeness(close)},
 * {@code Compliance(prices_positive)}, {@code Uniqueness(symbol,ts)}.
 */
public record StoredMetrics(LocalDate runDate, Map<String, String> tags, Map<String, Double> metrics) {
  public StoredMetrics {
    tags = Map.copyOf(tags);
    metrics = Map.copyOf(metrics);
  }
}
