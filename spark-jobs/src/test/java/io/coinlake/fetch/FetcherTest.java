package io.coinlake.fetch;

import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.ConfigLoader;
import io.coinlake.fetch.ScriptedServer.Reply;
import io.coinlake.ingest.CoinGeckoMarketsFormat;
import io.coinlake.ingest.CoinbaseCandlesFormat;
import io.coinlake.ingest.ParsedRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fetch path end to end: config -> plans -> HTTP (scripted server) -> landing files -> parsers. */
class FetcherTest {
  private static final Instant T0 = Instant.parse("2026-11-21T10:15:02.123Z");
  private static final String MARKETS = "[{\"id\":\"bitcoin\",\"symbol\":\"btc\",\"name\":\"Bitcoin\",\"current_price\":91234.56}]";
  private static final String SECRET = "CG-k3yTh4tMustN0tLeak";

  @TempDir
  Path landingRoot;

  private ScriptedServer server;
  private FakeTime time;
  private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws Exception {
    server = new ScriptedServer();
    time = new FakeTime(T0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private CoinlakeConfig config(String... overrides) {
    List<String> all = new ArrayList<>(List.of(
        "fetch.coingecko.baseUrl=" + server.baseUrl() + "/api/v3",
        "fetch.coinlore.baseUrl=" + server.baseUrl(),
        "fetch.coinbase.baseUrl=" + server.baseUrl(),
        "fetch.http.maxAttempts=3",
        "fetch.http.jitter=0"));
    all.addAll(List.of(overrides));
    return ConfigLoader.load(null, all);
  }

  private FetchReport fetch(CoinlakeConfig config, Function<String, String> env, Api... apis) {
    List<ApiPlan> plans = Stream.of(apis).map(api -> FetchPlans.plan(api, config, env)).toList();
    try (LandingZone landing = new LandingZone(landingRoot.toString(), new Configuration())) {
      ApiHttpClient client = new ApiHttpClient(config.fetch().http(), time, time, () -> 0.5);
      return new Fetcher(client, landing, time, time, new PrintStream(progress, true, StandardCharsets.UTF_8)).fetch(plans);
    }
  }

  private List<String> landed(String apiAndEndpoint) throws Exception {
    return LandingZoneTest.names(landingRoot.resolve(apiAndEndpoint));
  }

  @Test
  void a429WithRetryAfterThen200LandsOneFileAfterWaitingExactlyTheRetryAfter() throws Exception {
    server.reply(Reply.json(429, "{\"status\":{\"error_code\":429}}").withHeader("Retry-After", "30"), Reply.json(200, MARKETS));
    FetchReport report = fetch(config(), name -> null, Api.COINGECKO);
    assertEquals(List.of(Duration.ofSeconds(30)), time.sleeps);
    assertEquals(List.of("20261121T101532.123Z_p1.json"), landed("coingecko/markets"), "named by the time the answer arrived");
    Path file = landingRoot.resolve("coingecko/markets/20261121T101532.123Z_p1.json");
    assertEquals(MARKETS, Files.readString(file));
    assertFalse(report.anyFailed());
    assertEquals(new ApiResult(Api.COINGECKO, 1, 1, 0, 0, 1, report.results().get(0).files(), List.of()), report.results().get(0));
    assertEquals("/api/v3/coins/markets?vs_currency=usd&order=market_cap_desc&per_page=250&page=1&price_change_percentage=1h%2C24h%2C7d",
        server.seen().get(1).pathAndQuery());
    List<ParsedRecord> parsed = new CoinGeckoMarketsFormat().parse(file.toString(), Files.readString(file));
    assertEquals(1, parsed.size());
    assertEquals(java.sql.Timestamp.from(Instant.parse("2026-11-21T10:15:32.123Z")), parsed.get(0).values()[1]);
    assertTrue(progress.toString(StandardCharsets.UTF_8).startsWith("coingecko  markets  200      1 records  "), progress.toString());
  }

  @Test
  void repeated503GivesUpWithAOneLineErrorAndLandsNothing() throws Exception {
    server.reply(Reply.json(503, "{}"), Reply.json(503, "{}"), Reply.json(503, "{}"));
    FetchReport report = fetch(config(), name -> null, Api.COINLORE);
    assertTrue(report.anyFailed());
    ApiResult coinlore = report.results().get(0);
    assertEquals(List.of(), coinlore.files());
    assertEquals(1, coinlore.failed());
    assertEquals("coinlore tickers: GET " + server.baseUrl() + "/api/tickers/?start=0&limit=100 gave up after 3 attempt(s), last problem:"
        + " HTTP 503; the API is down, unreachable or throttling us: check the network and try again later, or raise fetch.http.maxAttempts or fetch.coinlore.minIntervalMillis",
        coinlore.errors().get(0));
    assertEquals(List.of(), landed("coinlore/tickers"));
    assertFalse(Files.exists(landingRoot.resolve("coinlore")), "nothing is written for a failed request");
    assertEquals(3, server.seen().size());
  }

  @Test
  void whenAnApiGivesUpItsRemainingRequestsAreSkippedButA404DoesNotStopTheOthers() throws Exception {
    server.reply(Reply.json(503, "{}"), Reply.json(503, "{}"), Reply.json(503, "{}"));
    ApiResult down = fetch(config(), name -> null, Api.COINBASE).results().get(0);
    assertEquals(List.of(2, 0, 1, 1), List.of(down.planned(), down.landed(), down.failed(), down.skipped()));
    assertEquals(3, server.seen().size(), "ETH-USD was not tried after BTC-USD ran out of retries");

    server.reply(Reply.json(404, "{\"message\":\"NotFound\"}"), Reply.json(200, "[[1795219200,3010.5,3025.0,3012.25,3020.0,1520.75]]"));
    ApiResult partly = fetch(config(), name -> null, Api.COINBASE).results().get(0);
    assertEquals(List.of(2, 1, 1, 0), List.of(partly.planned(), partly.landed(), partly.failed(), partly.skipped()));
    assertFalse(partly.ok());
  }

  @Test
  void anEmptyArrayLandsAFileThatParsesToZeroRecords() throws Exception {
    server.reply(Reply.json(200, "[]"), Reply.json(200, "[[1795132800,91050.0,93500.0,92010.11,92370.78,7890.12345678]]"));
    FetchReport report = fetch(config(), name -> null, Api.COINBASE);
    assertEquals(List.of("20261121T101502.123Z_BTC-USD_86400.json"), landed("coinbase/candles").subList(0, 1));
    Path empty = landingRoot.resolve("coinbase/candles/20261121T101502.123Z_BTC-USD_86400.json");
    assertEquals("[]", Files.readString(empty));
    assertEquals(List.of(), new CoinbaseCandlesFormat().parse(empty.toString(), Files.readString(empty)));
    assertEquals(1, report.results().get(0).records());
    assertEquals(List.of("/products/BTC-USD/candles?granularity=86400", "/products/ETH-USD/candles?granularity=86400"),
        server.seen().stream().map(ScriptedServer.Seen::pathAndQuery).toList());
    // the rate limit (200 ms for Coinbase) spaced the two requests; the fake clock did not move in between
    assertEquals(List.of(Duration.ofMillis(200)), time.sleeps);
    Path eth = landingRoot.resolve("coinbase/candles/20261121T101502.323Z_ETH-USD_86400.json");
    List<ParsedRecord> candles = new CoinbaseCandlesFormat().parse(eth.toString(), Files.readString(eth));
    assertEquals(List.of("ETH", "1d"), List.of(candles.get(0).values()[0], candles.get(0).values()[1]));
  }

  @Test
  void pagesAreSpacedByTheRateLimitAndNamedByPage() throws Exception {
    server.reply(Reply.json(200, MARKETS), Reply.json(200, MARKETS), Reply.json(200, "[]"));
    fetch(config("fetch.coingecko.pages=3", "fetch.coingecko.perPage=2"), name -> null, Api.COINGECKO);
    assertEquals(List.of(Duration.ofMillis(2500), Duration.ofMillis(2500)), time.sleeps);
    assertEquals(List.of("20261121T101502.123Z_p1.json", "20261121T101504.623Z_p2.json", "20261121T101507.123Z_p3.json"),
        landed("coingecko/markets"));
    assertTrue(server.seen().get(2).pathAndQuery().contains("&per_page=2&page=3&"), server.seen().get(2).pathAndQuery());
  }

  @Test
  void theApiKeyGoesInTheHeaderAndNowhereElse() throws Exception {
    server.reply(Reply.json(200, MARKETS), Reply.json(403, "{\"error\":\"key " + SECRET + " is over its plan\"}"));
    Map<String, String> env = Map.of("COINGECKO_API_KEY", SECRET);
    FetchReport report = fetch(config("fetch.coingecko.pages=2"), env::get, Api.COINGECKO);
    assertEquals(SECRET, server.seen().get(0).headers().get("x-cg-demo-api-key"));
    assertEquals(SECRET, server.seen().get(1).headers().get("x-cg-demo-api-key"));
    String error = report.results().get(0).errors().get(0);
    assertTrue(error.contains("key *** is over its plan"), error);
    assertFalse(error.contains(SECRET));
    assertFalse(progress.toString(StandardCharsets.UTF_8).contains(SECRET));
    assertEquals(List.of("20261121T101502.123Z_p1.json"), landed("coingecko/markets"));
    try (Stream<Path> all = Files.walk(landingRoot)) {
      for (Path p : all.toList()) {
        assertFalse(p.toString().contains(SECRET), p.toString());
        if (Files.isRegularFile(p)) {
          assertFalse(Files.readString(p).contains(SECRET), p.toString());
        }
      }
    }
    assertFalse(String.valueOf(FetchPlans.plan(Api.COINGECKO, config(), env::get)).contains(SECRET), "plans print without the key");
  }

  @Test
  void fetchingTwiceAtTheSameInstantNeverOverwrites() throws Exception {
    server.reply(Reply.json(200, "{\"data\":[{\"id\":\"90\"}],\"info\":{}}"), Reply.json(200, "{\"data\":[],\"info\":{}}"));
    fetch(config(), name -> null, Api.COINLORE);
    fetch(config(), name -> null, Api.COINLORE);
    assertEquals(List.of("20261121T101502.123Z.2.json", "20261121T101502.123Z.json"), landed("coinlore/tickers"));
    assertEquals("{\"data\":[{\"id\":\"90\"}],\"info\":{}}", Files.readString(landingRoot.resolve("coinlore/tickers/20261121T101502.123Z.json")));
    assertEquals("{\"data\":[],\"info\":{}}", Files.readString(landingRoot.resolve("coinlore/tickers/20261121T101502.123Z.2.json")));
  }
}
