package io.coinlake.config;

import java.util.Locale;

/**
 * CoinGecko {@code /coins/markets}: {@code pages} pages of {@code perPage} coins (at most 250, the
 * API's limit) priced in {@code vsCurrency}. The API key is optional and read from the environment
 * variable named by {@code apiKeyEnv}, never from this file, so configs can be shared and committed;
 * {@code apiKeyHeader} is x-cg-demo-api-key for demo keys, x-cg-pro-api-key for paid ones.
 * {@code minIntervalMillis} spaces requests to stay under the plan's rate limit.
 */
public record CoinGeckoFetchConfig(
    boolean enabled,
    String baseUrl,
    String vsCurrency,
    int perPage,
    int pages,
    String apiKeyEnv,
    String apiKeyHeader,
    long minIntervalMillis) {

  public static final int MAX_PER_PAGE = 250;

  public CoinGeckoFetchConfig {
    baseUrl = Checks.httpUrl(baseUrl, "baseUrl");
    vsCurrency = Checks.notBlank(vsCurrency, "vsCurrency").trim().toLowerCase(Locale.ROOT);
    Checks.atMost(Checks.positive(perPage, "perPage"), MAX_PER_PAGE, "perPage");
    Checks.positive(pages, "pages");
    apiKeyEnv = apiKeyEnv == null || apiKeyEnv.isBlank() ? null : apiKeyEnv.trim();
    apiKeyHeader = Checks.notBlank(apiKeyHeader, "apiKeyHeader").trim();
    Checks.nonNegative(minIntervalMillis, "minIntervalMillis");
  }
}
