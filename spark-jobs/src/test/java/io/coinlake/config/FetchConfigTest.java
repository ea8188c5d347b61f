package io.coinlake.config;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class FetchConfigTest {
  @Test
  void defaultsHoldTheDocumentedValues() {
    CoinlakeConfig config = ConfigLoader.load(null, List.of());
    assertEquals("./landing", config.landing().root());
    assertEquals(new HttpConfig(10, 30, 5, 1000, 60000, 0.5, 120), config.fetch().http());
    assertEquals(new CoinGeckoFetchConfig(true, "https://api.coingecko.com/api/v3", "usd", 250, 1, "COINGECKO_API_KEY",
        "x-cg-demo-api-key", 2500), config.fetch().coingecko());
    assertEquals(new CoinLoreFetchConfig(true, "https://api.coinlore.net", 100, 1000), config.fetch().coinlore());
    assertEquals(new CoinbaseFetchConfig(true, "https://api.exchange.coinbase.com", List.of("BTC-USD", "ETH-USD"), 200),
        config.fetch().coinbase());
  }

  @Test
  void badValuesNameTheKey() {
    assertMessage("fetch.http.jitter=1.5", "invalid value under 'fetch.http': 'jitter' must be between 0 and 1, got 1.5");
    assertMessage("fetch.coingecko.perPage=251", "invalid value under 'fetch.coingecko': 'perPage' must be <= 250, got 251");
    assertMessage("fetch.coinlore.baseUrl=ftp://api.coinlore.net",
        "invalid value under 'fetch.coinlore': 'baseUrl' must be an http(s) URL like https://api.example.com, got ftp://api.coinlore.net");
    assertMessage("fetch.coinbase.products=[BTC/USD]",
        "invalid value under 'fetch.coinbase': 'products' holds 'BTC/USD'; use Coinbase product ids like BTC-USD");
    assertMessage("fetch.http.maxBackoffMillis=10", "'maxBackoffMillis' (10) must be at least 'initialBackoffMillis' (1000)");
  }

  @Test
  void unknownKeysUnderFetchFail() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, List.of("fetch.coinbase.granularity=60")));
    assertTrue(e.getMessage().startsWith("--set overrides: unknown key 'fetch.coinbase.granularity'"), e.getMessage());
  }

  @Test
  void trailingSlashesAreTrimmedSoPathsJoinCleanly() {
    CoinlakeConfig config = ConfigLoader.load(null, List.of("fetch.coinlore.baseUrl=http://127.0.0.1:8080/"));
    assertEquals("http://127.0.0.1:8080", config.fetch().coinlore().baseUrl());
  }

  private static void assertMessage(String override, String expected) {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, List.of(override)));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
