package io.coinlake.config;

/** What {@code coinlake fetch} downloads, and how: shared HTTP behaviour plus one block per API. */
public record FetchConfig(HttpConfig http, CoinGeckoFetchConfig coingecko, CoinLoreFetchConfig coinlore,
    CoinbaseFetchConfig coinbase) {
  public FetchConfig {
    Checks.present(http, "http");
    Checks.present(coingecko, "coingecko");
    Checks.present(coinlore, "coinlore");
    Checks.present(coinbase, "coinbase");
  }
}
