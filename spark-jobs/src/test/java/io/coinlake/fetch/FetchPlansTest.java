package io.coinlake.fetch;

import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.ConfigException;
import io.coinlake.config.ConfigLoader;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FetchPlansTest {
  @Test
  void defaultsPlanTheDocumentedEndpoints() {
    CoinlakeConfig config = ConfigLoader.load(null, List.of());
    assertEquals(List.of(Api.COINGECKO, Api.COINLORE, Api.COINBASE), FetchPlans.enabled(config));

    ApiPlan gecko = FetchPlans.plan(Api.COINGECKO, config, name -> null);
    assertEquals("https://api.coingecko.com/api/v3/coins/markets?vs_currency=usd&order=market_cap_desc&per_page=250&page=1"
        + "&price_change_percentage=1h%2C24h%2C7d", gecko.requests().get(0).uri().toString());
    assertEquals(List.of("p1"), gecko.requests().get(0).nameParts());
    assertEquals(Duration.ofMillis(2500), gecko.minInterval());
    assertEquals(Optional.empty(), gecko.key());

    ApiPlan lore = FetchPlans.plan(Api.COINLORE, config, name -> null);
    assertEquals("https://api.coinlore.net/api/tickers/?start=0&limit=100", lore.requests().get(0).uri().toString());
    assertEquals(JsonShape.DATA_ARRAY, lore.requests().get(0).shape());

    ApiPlan coinbase = FetchPlans.plan(Api.COINBASE, config, name -> null);
    assertEquals(List.of("https://api.exchange.coinbase.com/products/BTC-USD/candles?granularity=86400",
        "https://api.exchange.coinbase.com/products/ETH-USD/candles?granularity=86400"),
        coinbase.requests().stream().map(r -> r.uri().toString()).toList());
    assertEquals(List.of("ETH-USD", "86400"), coinbase.requests().get(1).nameParts());
  }

  @Test
  void candleGranularityFollowsTheOhlcvInterval() {
    CoinlakeConfig hourly = ConfigLoader.load(null, List.of("ingest.ohlcv.interval=1h", "fetch.coinbase.products=[sol-usd]"));
    ApiRequest request = FetchPlans.plan(Api.COINBASE, hourly, name -> null).requests().get(0);
    assertEquals("https://api.exchange.coinbase.com/products/SOL-USD/candles?granularity=3600", request.uri().toString());
    assertEquals(List.of("SOL-USD", "3600"), request.nameParts());
  }

  @Test
  void anIntervalCoinbaseDoesNotOfferIsAConfigErrorNamingTheKey() {
    CoinlakeConfig config = ConfigLoader.load(null, List.of("ingest.ohlcv.interval=4h"));
    ConfigException e = assertThrows(ConfigException.class, () -> FetchPlans.plan(Api.COINBASE, config, name -> null));
    assertEquals("'ingest.ohlcv.interval' is '4h', which Coinbase candles do not offer; set it to one of [1m, 5m, 15m, 1h, 6h, 1d]"
        + " or fetch without --api coinbase (fetch.coinbase.enabled: false)", e.getMessage());
    assertEquals(1, FetchPlans.plan(Api.COINLORE, config, name -> null).requests().size(), "the other APIs do not care");
  }

  @Test
  void theKeyIsReadFromTheNamedEnvironmentVariableOnly() {
    CoinlakeConfig config = ConfigLoader.load(null, List.of("fetch.coingecko.apiKeyEnv=MY_CG_KEY", "fetch.coingecko.apiKeyHeader=x-cg-pro-api-key"));
    ApiKey key = FetchPlans.plan(Api.COINGECKO, config, name -> name.equals("MY_CG_KEY") ? " pro-key-123 " : "wrong").key().orElseThrow();
    assertEquals("x-cg-pro-api-key", key.header());
    assertEquals("pro-key-123", key.value());
    assertEquals(Optional.empty(), FetchPlans.plan(Api.COINGECKO, config, name -> "  ").key(), "a blank variable is no key");
    CoinlakeConfig noEnv = ConfigLoader.load(null, List.of("fetch.coingecko.apiKeyEnv="));
    assertEquals(Optional.empty(), FetchPlans.plan(Api.COINGECKO, noEnv, name -> "set").key());
  }
}
