package io.coinlake.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.net.httpserver.HttpServer;
import io.coinlake.testing.CliRun;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code coinlake fetch} through the real CLI against a local server: exit codes, progress and summary. No Spark. */
class FetchCommandTest {
  @TempDir
  Path landing;

  private HttpServer server;
  private String out;
  private String err;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    answer("/api/v3/coins/markets", 200, "[{\"id\":\"bitcoin\",\"symbol\":\"btc\",\"name\":\"Bitcoin\",\"current_price\":91234.56}]");
    answer("/api/tickers/", 500, "{\"error\":\"upstream\"}");
    answer("/products/", 200, "[[1795219200,90100.01,92890.5,92370.78,91234.56,5123.45678901]]");
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void answer(String path, int status, String body) {
    server.createContext(path, exchange -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream o = exchange.getResponseBody()) {
        o.write(bytes);
      }
    });
  }

  private int fetch(String... extra) {
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    List<String> args = new ArrayList<>(List.of("fetch",
        "--set", "landing.root=" + landing,
        "--set", "fetch.coingecko.baseUrl=" + base + "/api/v3",
        "--set", "fetch.coinlore.baseUrl=" + base,
        "--set", "fetch.coinbase.baseUrl=" + base,
        "--set", "fetch.http.maxAttempts=1",
        "--set", "fetch.coingecko.minIntervalMillis=0",
        "--set", "fetch.coinlore.minIntervalMillis=0",
        "--set", "fetch.coinbase.minIntervalMillis=0"));
    args.addAll(List.of(extra));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    out = run.out();
    err = run.err();
    return run.exit();
  }

  private long files(String dir) throws IOException {
    Path d = landing.resolve(dir);
    if (!Files.isDirectory(d)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(d)) {
      return s.count();
    }
  }

  @Test
  void oneFailingApiExitsOneWhileTheOthersStillLand() throws IOException {
    assertEquals(CoinlakeMain.FAILED, fetch());
    assertEquals(1, files("coingecko/markets"));
    assertEquals(0, files("coinlore/tickers"));
    assertEquals(2, files("coinbase/candles"));
    List<String> lines = out.lines().toList();
    assertTrue(lines.get(0).matches("coingecko  markets  200      1 records  .*/coingecko/markets/\\d{8}T\\d{6}\\.\\d{3}Z_p1\\.json"), lines.get(0));
    assertTrue(lines.get(1).startsWith("coinlore   tickers  FAILED  coinlore tickers: GET http://127.0.0.1:"), lines.get(1));
    assertTrue(lines.get(2).matches("coinbase   candles  200      1 records  .*_BTC-USD_86400\\.json"), lines.get(2));
    assertTrue(lines.get(3).matches("coinbase   candles  200      1 records  .*_ETH-USD_86400\\.json"), lines.get(3));
    assertEquals("api        requests  landed  failed  skipped   records", lines.get(4));
    assertEquals("coingecko         1       1       0        0         1", lines.get(5));
    assertEquals("coinlore          1       0       1        0         0", lines.get(6));
    assertEquals("coinbase          2       2       0        0         2", lines.get(7));
    assertEquals("fetch: 2 of 3 API(s) ok, 3 file(s) landed; failed: coinlore", lines.get(8));
    assertEquals(1, err.lines().count(), err);
    assertTrue(err.startsWith("coinlake: fetch failed: coinlore tickers: GET http://127.0.0.1:"), err);
    assertTrue(err.contains("/api/tickers/?start=0&limit=100 gave up after 1 attempt(s), last problem: HTTP 500;"), err);
  }

  @Test
  void selectedApisOnlyAndSuccessExitsZero() throws IOException {
    assertEquals(0, fetch("--api", "coinbase", "--api", "COINGECKO"));
    assertEquals(1, files("coingecko/markets"));
    assertEquals(2, files("coinbase/candles"));
    assertFalse(Files.exists(landing.resolve("coinlore")));
    assertEquals("", err);
  }

  @Test
  void usageAndConfigErrorsExitTwoBeforeAnyRequest() throws IOException {
    assertEquals(CoinlakeMain.USAGE, fetch("--api", "binance"));
    assertTrue(err.contains("unknown API 'binance'; use one of coingecko, coinlore, coinbase"), err);

    assertEquals(CoinlakeMain.USAGE, fetch("--api", "coinbase", "--set", "ingest.ohlcv.interval=4h"));
    assertEquals("coinlake: 'ingest.ohlcv.interval' is '4h', which Coinbase candles do not offer; set it to one of"
        + " [1m, 5m, 15m, 1h, 6h, 1d] or fetch without --api coinbase (fetch.coinbase.enabled: false)", err.strip());

    assertEquals(CoinlakeMain.USAGE, fetch("--date", "2026-11-21"));
    assertEquals("coinlake: fetch downloads the current snapshot; --date, --from and --to do not apply to it", err.strip());

    assertEquals(CoinlakeMain.USAGE, fetch("--set", "fetch.coingecko.enabled=false", "--set", "fetch.coinlore.enabled=false",
        "--set", "fetch.coinbase.enabled=false"));
    assertTrue(err.startsWith("coinlake: no API is enabled"), err);
    try (Stream<Path> s = Files.list(landing)) {
      assertEquals(0, s.count(), "nothing landed");
    }
  }
}
