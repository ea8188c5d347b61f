package io.coinlake.fetch;

import io.coinlake.config.CoinGeckoFetchConfig;
import io.coinlake.config.CoinLoreFetchConfig;
import io.coinlake.config.CoinbaseFetchConfig;
import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.ConfigException;
import io.coinlake.ingest.CoinbaseGranularity;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns the config into the requests of each API: the one place that knows the endpoints and
 * their query parameters. Runs before any request, so a config problem (a candle interval
 * Coinbase does not offer) stops the command before anything is downloaded.
 */
public final class FetchPlans {
  private static final String MARKETS = LandingFeed.COINGECKO_MARKETS.endpoint();
  private static final String TICKERS = LandingFeed.COINLORE_TICKERS.endpoint();
  private static final String CANDLES = LandingFeed.COINBASE_CANDLES.endpoint();

  private FetchPlans() {}

  /** The APIs whose {@code fetch.<api>.enabled} is true, in declaration order. */
  public static List<Api> enabled(CoinlakeConfig config) {
    List<Api> apis = new ArrayList<>();
    if (config.fetch().coingecko().enabled()) {
      apis.add(Api.COINGECKO);
    }
    if (config.fetch().coinlore().enabled()) {
      apis.add(Api.COINLORE);
    }
    if (config.fetch().coinbase().enabled()) {
      apis.add(Api.COINBASE);
    }
    return apis;
  }

  /** The plan of one API; {@code env} looks up environment variables (System::getenv outside tests). */
  public static ApiPlan plan(Api api, CoinlakeConfig config, Function<String, String> env) {
    return switch (api) {
      case COINGECKO -> coingecko(config.fetch().coingecko(), env);
      case COINLORE -> coinlore(config.fetch().coinlore());
      case COINBASE -> coinbase(config.fetch().coinbase(), config.ingest().ohlcv().interval());
    };
  }

  private static ApiPlan coingecko(CoinGeckoFetchConfig c, Function<String, String> env) {
    List<ApiRequest> requests = new ArrayList<>();
    for (int page = 1; page <= c.pages(); page++) {
      URI uri = URI.create(c.baseUrl() + "/coins/markets?vs_currency=" + encode(c.vsCurrency())
          + "&order=market_cap_desc&per_page=" + c.perPage() + "&page=" + page + "&price_change_percentage=1h%2C24h%2C7d");
      requests.add(new ApiRequest(Api.COINGECKO, MARKETS, uri, JsonShape.ARRAY, List.of("p" + page)));
    }
    return new ApiPlan(Api.COINGECKO, requests, Duration.ofMillis(c.minIntervalMillis()),
        ApiKey.fromEnv(c.apiKeyEnv(), c.apiKeyHeader(), env));
  }

  private static ApiPlan coinlore(CoinLoreFetchConfig c) {
    URI uri = URI.create(c.baseUrl() + "/api/tickers/?start=0&limit=" + c.limit());
    return new ApiPlan(Api.COINLORE, List.of(new ApiRequest(Api.COINLORE, TICKERS, uri, JsonShape.DATA_ARRAY, List.of())),
        Duration.ofMillis(c.minIntervalMillis()), Optional.empty());
  }

  private static ApiPlan coinbase(CoinbaseFetchConfig c, String interval) {
    long granularity = CoinbaseGranularity.seconds(interval).orElseThrow(() -> new ConfigException(
        "'ingest.ohlcv.interval' is '" + interval + "', which Coinbase candles do not offer; set it to one of "
            + CoinbaseGranularity.intervals() + " or fetch without --api coinbase (fetch.coinbase.enabled: false)"));
    List<ApiRequest> requests = new ArrayList<>();
    for (String product : c.products()) {
      URI uri = URI.create(c.baseUrl() + "/products/" + product + "/candles?granularity=" + granularity);
      requests.add(new ApiRequest(Api.COINBASE, CANDLES, uri, JsonShape.ARRAY, List.of(product, Long.toString(granularity))));
    }
    return new ApiPlan(Api.COINBASE, requests, Duration.ofMillis(c.minIntervalMillis()), Optional.empty());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
