package io.coinlake.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Coinbase Exchange {@code /products/<id>/candles} for each product (BASE-QUOTE, e.g. BTC-USD).
 * The candle granularity is not set here: it follows {@code ingest.ohlcv.interval}, so fetched
 * candles always match the interval the lake is keyed by.
 */
public record CoinbaseFetchConfig(boolean enabled, String baseUrl, List<String> products, long minIntervalMillis) {
  public CoinbaseFetchConfig {
    baseUrl = Checks.httpUrl(baseUrl, "baseUrl");
    List<String> normalized = new ArrayList<>();
    for (String product : Checks.nonEmpty(products, "products")) {
      if (product == null || !product.trim().matches("[A-Za-z0-9]+-[A-Za-z0-9]+")) {
        throw new IllegalArgumentException("'products' holds '" + product + "'; use Coinbase product ids like BTC-USD");
      }
      normalized.add(product.trim().toUpperCase(Locale.ROOT));
    }
    products = List.copyOf(normalized);
    Checks.nonNegative(minIntervalMillis, "minIntervalMillis");
  }
}
