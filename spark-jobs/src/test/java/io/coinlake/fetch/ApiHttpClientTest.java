package io.coinlake.fetch;

import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.config.HttpConfig;
import io.coinlake.fetch.ScriptedServer.Reply;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiHttpClientTest {
  private static final Instant T0 = Instant.parse("2026-11-21T10:15:02.123Z");
  private static final String MARKETS = "/coins/markets?vs_currency=usd&page=1";
  private static final String BODY = "[{\"id\":\"bitcoin\",\"symbol\":\"btc\",\"current_price\":91234.56}]";

  private ScriptedServer server;
  private FakeTime time;

  @BeforeEach
  void start() throws Exception {
    server = new ScriptedServer();
    time = new FakeTime(T0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** maxAttempts 4, backoff 1 s doubling to at most 8 s, jitter 0.2, Retry-After capped at 120 s. */
  private ApiHttpClient client(double random) {
    return new ApiHttpClient(new HttpConfig(5, 5, 4, 1000, 8000, 0.2, 120), time, time, () -> random);
  }

  private ApiRequest markets() {
    return new ApiRequest(Api.COINGECKO, "markets", server.uri(MARKETS), JsonShape.ARRAY, List.of("p1"));
  }

  private RateLimiter noLimit() {
    return new RateLimiter(Duration.ZERO, time, time);
  }

  @Test
  void retryAfterSecondsOn429IsWaitedExactlyThenTheBodyIsReturnedAsReceived() {
    server.reply(Reply.json(429, "{\"status\":{\"error_code\":429,\"error_message\":\"rate limited\"}}").withHeader("Retry-After", "7"),
        Reply.json(200, BODY));
    ApiResponse response = client(0.5).get(markets(), Optional.empty(), noLimit());
    assertEquals(200, response.status());
    assertEquals(2, response.attempts());
    assertEquals(1, response.records());
    assertArrayEquals(BODY.getBytes(StandardCharsets.UTF_8), response.body());
    assertEquals(List.of(Duration.ofSeconds(7)), time.sleeps, "the only wait is the server's Retry-After, not the backoff");
    assertEquals(T0.plusSeconds(7), response.receivedAt());
    assertEquals(2, server.seen().size());
    assertEquals(MARKETS, server.seen().get(1).pathAndQuery());
  }

  @Test
  void retryAfterAsHttpDateIsMeasuredFromTheClockAndCapped() {
    server.reply(Reply.json(503, "{}").withHeader("Retry-After", "Sat, 21 Nov 2026 10:15:32 GMT"),
        Reply.json(503, "{}").withHeader("Retry-After", "86400"),
        Reply.json(200, BODY));
    ApiResponse response = client(0.5).get(markets(), Optional.empty(), noLimit());
    assertEquals(3, response.attempts());
    // 10:15:32 - 10:15:02.123 = 29.877 s; then a day, capped at maxRetryAfterSeconds = 120 s
    assertEquals(List.of(Duration.ofMillis(29_877), Duration.ofSeconds(120)), time.sleeps);
  }

  @Test
  void repeated503GivesUpWithOneLineNamingApiUrlAttemptsAndLastStatus() {
    server.reply(Reply.json(503, "{\"message\":\"down\"}"), Reply.json(503, "{}"), Reply.json(503, "{}"), Reply.json(503, "{}"));
    FetchException e = assertThrows(FetchException.class, () -> client(0.5).get(markets(), Optional.empty(), noLimit()));
    assertEquals("coingecko markets: GET " + server.baseUrl() + MARKETS + " gave up after 4 attempt(s), last problem: HTTP 503;"
        + " the API is down, unreachable or throttling us: check the network and try again later, or raise fetch.http.maxAttempts or fetch.coingecko.minIntervalMillis",
        e.getMessage());
    assertTrue(e.apiUnavailable());
    assertEquals(4, server.seen().size());
    // backoff 1 s, 2 s, 4 s with jitter 0.2 and random 0.5: base * 0.8 + 0.5 * base * 0.2 = 0.9 * base
    assertEquals(List.of(Duration.ofMillis(900), Duration.ofMillis(1800), Duration.ofMillis(3600)), time.sleeps);
  }

  @Test
  void backoffIsCappedAndFullJitterCanReachZero() {
    Backoff full = new Backoff(new HttpConfig(5, 5, 10, 1000, 8000, 1.0, 120), () -> 0.0);
    assertEquals(Duration.ZERO, full.afterFailure(3));
    Backoff none = new Backoff(new HttpConfig(5, 5, 10, 1000, 8000, 0.0, 120), () -> 0.99);
    assertEquals(List.of(Duration.ofMillis(1000), Duration.ofMillis(2000), Duration.ofMillis(4000), Duration.ofMillis(8000), Duration.ofMillis(8000)),
        List.of(none.afterFailure(1), none.afterFailure(2), none.afterFailure(3), none.afterFailure(4), none.afterFailure(9)));
    Backoff equal = new Backoff(new HttpConfig(5, 5, 10, 1000, 8000, 0.5, 120), () -> 0.25);
    assertEquals(Duration.ofMillis(2500), equal.afterFailure(3), "4000 * 0.5 + 0.25 * 4000 * 0.5");
  }

  @Test
  void truncatedJsonIsRetriedAndThenAClearError() {
    String cut = "[{\"id\":\"bitcoin\",\"symbol\":\"btc\",\"current_pri";
    server.reply(Reply.json(200, cut), Reply.json(200, cut), Reply.json(200, cut), Reply.json(200, cut));
    FetchException e = assertThrows(FetchException.class, () -> client(0.5).get(markets(), Optional.empty(), noLimit()));
    assertTrue(e.getMessage().contains("gave up after 4 attempt(s), last problem: truncated or invalid JSON (" + cut.length() + " bytes)"),
        e.getMessage());
    assertEquals(4, server.seen().size());
  }

  @Test
  void aCutConnectionIsRetriedAndTheCompleteAnswerWins() throws Exception {
    try (CuttingServer cutting = new CuttingServer(List.of(CuttingServer.cut(BODY, 10), CuttingServer.complete(BODY)))) {
      ApiRequest request = new ApiRequest(Api.COINGECKO, "markets", URI.create(cutting.baseUrl() + MARKETS), JsonShape.ARRAY, List.of("p1"));
      ApiResponse response = client(0.5).get(request, Optional.empty(), noLimit());
      assertEquals(2, response.attempts());
      assertEquals(2, cutting.connections());
      assertArrayEquals(BODY.getBytes(StandardCharsets.UTF_8), response.body());
      assertEquals(List.of(Duration.ofMillis(900)), time.sleeps);
    }
  }

  @Test
  void aStalledBodyTimesOutAndIsRetried() {
    // the one test that waits for real: 1 s, the smallest request timeout there is
    server.reply(Reply.json(200, BODY).stallAfter(10), Reply.json(200, BODY));
    ApiHttpClient client = new ApiHttpClient(new HttpConfig(5, 1, 2, 1000, 8000, 0.2, 120), time, time, () -> 0.5);
    ApiResponse response = client.get(markets(), Optional.empty(), noLimit());
    assertEquals(2, response.attempts());
    assertArrayEquals(BODY.getBytes(StandardCharsets.UTF_8), response.body());
  }

  @Test
  void aStalledBodyOnTheLastAttemptIsAClearError() {
    server.reply(Reply.json(200, BODY).stallAfter(10));
    ApiHttpClient client = new ApiHttpClient(new HttpConfig(5, 1, 1, 1000, 8000, 0.2, 120), time, time, () -> 0.5);
    FetchException e = assertThrows(FetchException.class, () -> client.get(markets(), Optional.empty(), noLimit()));
    assertTrue(e.getMessage().contains("gave up after 1 attempt(s), last problem: no complete answer within 1 s"), e.getMessage());
  }

  @Test
  void aRefusedConnectionIsRetriedAndThenNamesTheHost() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    ApiRequest request = new ApiRequest(Api.COINLORE, "tickers", URI.create("http://127.0.0.1:" + port + "/api/tickers/"),
        JsonShape.DATA_ARRAY, List.of());
    FetchException e = assertThrows(FetchException.class, () -> client(0.5).get(request, Optional.empty(), noLimit()));
    assertTrue(e.getMessage().contains(" gave up after 4 attempt(s), last problem: cannot connect to 127.0.0.1 ("), e.getMessage());
    assertTrue(e.apiUnavailable());
    assertEquals(3, time.sleeps.size());
  }

  @Test
  void htmlContentTypeFailsAtOnceWithoutRetry() {
    server.reply(Reply.of(200, "text/html; charset=UTF-8", "<!DOCTYPE html>\n<html><head><title>Just a moment...</title></head></html>"));
    FetchException e = assertThrows(FetchException.class, () -> client(0.5).get(markets(), Optional.empty(), noLimit()));
    assertEquals("coingecko markets: GET " + server.baseUrl() + MARKETS + " answered HTTP 200 with content type 'text/html; charset=UTF-8'"
        + " instead of application/json (body: \"<!DOCTYPE html> <html><head><title>Just a moment...</title></head></html>\"); a wrong"
        + " fetch.coingecko.baseUrl or a proxy or challenge page answered: check the URL in a browser", e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    assertEquals(1, server.seen().size());
    assertEquals(List.of(), time.sleeps);
  }

  @Test
  void jsonContentTypeIsRecognisedWithOrWithoutCharset() {
    assertTrue(ApiHttpClient.isJson("application/json"));
    assertTrue(ApiHttpClient.isJson("Application/JSON; charset=utf-8"));
    assertFalse(ApiHttpClient.isJson("text/json"));
    assertFalse(ApiHttpClient.isJson("application/jsonp"));
    assertFalse(ApiHttpClient.isJson(""));
  }

  @Test
  void a404FailsAtOnceWithTheStatusAndAShortBodyExcerpt() {
    String longMessage = "{\"message\":\"NotFound\",\"detail\":\"" + "x".repeat(400) + "\"}";
    server.reply(Reply.json(404, longMessage));
    ApiRequest candles = new ApiRequest(Api.COINBASE, "candles", server.uri("/products/NOPE-USD/candles?granularity=86400"),
        JsonShape.ARRAY, List.of("NOPE-USD", "86400"));
    FetchException e = assertThrows(FetchException.class, () -> client(0.5).get(candles, Optional.empty(), noLimit()));
    String expectedExcerpt = ("{'message':'NotFound','detail':'" + "x".repeat(400)).substring(0, 160) + "...";
    assertEquals("coinbase candles: GET " + server.baseUrl() + "/products/NOPE-USD/candles?granularity=86400 failed with HTTP 404"
        + " after 1 attempt(s) (body: \"" + expectedExcerpt + "\"); the request is wrong, so retrying will not help: check fetch.coinbase"
        + " (baseUrl and the endpoint's parameters)", e.getMessage());
    assertFalse(e.apiUnavailable());
    assertEquals(1, server.seen().size());
  }

  @Test
  void jsonOfTheWrongShapeFailsAtOnce() {
    server.reply(Reply.json(200, "{\"error\":\"coin not found\"}"));
    FetchException e = assertThrows(FetchException.class, () -> client(0.5).get(markets(), Optional.empty(), noLimit()));
    assertTrue(e.getMessage().contains("answered JSON of the wrong shape (expected a JSON array, body: \"{'error':'coin not found'}\")"),
        e.getMessage());
    assertEquals(1, server.seen().size());
  }

  @Test
  void coinLoreShapeCountsTheDataArray() {
    server.reply(Reply.json(200, "{\"data\":[{\"id\":\"90\"},{\"id\":\"80\"}],\"info\":{\"coins_num\":2}}"));
    ApiRequest tickers = new ApiRequest(Api.COINLORE, "tickers", server.uri("/api/tickers/?start=0&limit=100"), JsonShape.DATA_ARRAY, List.of());
    assertEquals(2, client(0.5).get(tickers, Optional.empty(), noLimit()).records());
  }

  @Test
  void theApiKeyIsSentAsAHeaderAndNeverAppearsInMessages() {
    String secret = "CG-s3cr3tK3yValue42";
    // a server that echoes the key back in its error body must not leak it into our message
    server.reply(Reply.json(401, "{\"error\":\"invalid key CG-s3cr3tK3yValue42\"}"));
    Optional<ApiKey> key = ApiKey.fromEnv("COINGECKO_API_KEY", "x-cg-demo-api-key", name -> name.equals("COINGECKO_API_KEY") ? secret : null);
    FetchException e = assertThrows(FetchException.class, () -> client(0.5).get(markets(), key, noLimit()));
    assertEquals(secret, server.seen().get(0).headers().get("x-cg-demo-api-key"));
    assertFalse(e.getMessage().contains(secret), e.getMessage());
    assertTrue(e.getMessage().contains("invalid key ***"), e.getMessage());
    assertTrue(e.getMessage().endsWith("the API refused the key in x-cg-demo-api-key: check the key and its plan"), e.getMessage());
    assertFalse(key.get().toString().contains(secret));
  }

  @Test
  void noKeyHeaderWithoutTheEnvironmentVariable() {
    server.reply(Reply.json(200, "[]"));
    Optional<ApiKey> key = ApiKey.fromEnv("COINGECKO_API_KEY", "x-cg-demo-api-key", name -> null);
    ApiResponse response = client(0.5).get(markets(), key, noLimit());
    assertEquals(0, response.records());
    assertNull(server.seen().get(0).headers().get("x-cg-demo-api-key"));
    assertEquals("application/json", server.seen().get(0).headers().get("accept"));
  }

  @Test
  void everyAttemptIsPacedByTheRateLimiter() {
    server.reply(Reply.json(500, "{}"), Reply.json(200, BODY));
    RateLimiter limiter = new RateLimiter(Duration.ofMillis(2500), time, time);
    client(0.5).get(markets(), Optional.empty(), limiter);
    // the first attempt starts at once; after a 0.9 s backoff the limiter adds the missing 1.6 s
    assertEquals(List.of(Duration.ofMillis(900), Duration.ofMillis(1600)), time.sleeps);
  }
}
