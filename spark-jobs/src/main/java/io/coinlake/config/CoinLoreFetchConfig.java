package io.coinlake.config;

/**
 * CoinLore {@code /api/tickers/}: the top {@code limit} coins (at most 100, the API's page size).
 * No key; {@code minIntervalMillis} keeps us polite (CoinLore asks for about one request a second).
 */
public record CoinLoreFetchConfig(boolean enabled, String baseUrl, int limit, long minIntervalMillis) {
  public static final int MAX_LIMIT = 100;

  public CoinLoreFetchConfig {
    baseUrl = Checks.httpUrl(baseUrl, "baseUrl");
    Checks.atMost(Checks.positive(limit, "limit"), MAX_LIMIT, "limit");
    Checks.nonNegative(minIntervalMillis, "minIntervalMillis");
  }
}
