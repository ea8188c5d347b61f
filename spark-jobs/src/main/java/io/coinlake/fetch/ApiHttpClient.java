package io.coinlake.fetch;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coinlake.config.HttpConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;

/**
 * GETs one API resource and returns it only when it is a complete JSON document of the expected
 * shape. Retries what may pass on a second try (429, 5xx, I/O errors and timeouts, a body that
 * does not parse because the connection was cut) with backoff or the server's Retry-After; fails
 * at once on what will not (other 4xx, a non-JSON content type, JSON of the wrong shape). Every
 * attempt goes through the API's {@link RateLimiter}. The API key is sent as a header and scrubbed
 * from every message this class produces.
 */
public final class ApiHttpClient {
  static final String USER_AGENT = "coinlake-fetch/0.1";
  private static final int EXCERPT_CHARS = 160;
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final HttpConfig config;
  private final HttpClient http;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Backoff backoff;

  public ApiHttpClient(HttpConfig config, Clock clock, Sleeper sleeper, DoubleSupplier random) {
    this.config = config;
    this.clock = clock;
    this.sleeper = sleeper;
    this.backoff = new Backoff(config, random);
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(config.connectTimeoutSeconds()))
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  /** Returns the checked response or throws a {@link FetchException} with a one-line message. */
  public ApiResponse get(ApiRequest request, Optional<ApiKey> key, RateLimiter limiter) {
    String lastProblem = "no attempt made";
    for (int attempt = 1; ; attempt++) {
      try {
        limiter.acquire();
        Attempt result = attempt(request, key, attempt);
        if (result.response != null) {
          return result.response;
        }
        lastProblem = result.problem;
        if (attempt >= config.maxAttempts()) {
          break;
        }
        int failed = attempt;
        sleeper.sleep(result.retryAfter.map(backoff::retryAfter).orElseGet(() -> backoff.afterFailure(failed)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FetchException(redact(key, request.label() + ": GET " + request.uri() + " interrupted after "
            + attempt + " attempt(s); run coinlake fetch again"), false);
      }
    }
    throw new FetchException(redact(key, request.label() + ": GET " + request.uri() + " gave up after " + config.maxAttempts()
        + " attempt(s), last problem: " + lastProblem + "; the API is down, unreachable or throttling us: check the network"
        + " and try again later, or raise fetch.http.maxAttempts or fetch." + request.api().id() + ".minIntervalMillis"), true);
  }

  private Attempt attempt(ApiRequest request, Optional<ApiKey> key, int attempt) throws InterruptedException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
        .timeout(Duration.ofSeconds(config.requestTimeoutSeconds()))
        .header("Accept", "application/json")
        .header("User-Agent", USER_AGENT)
        .GET();
    key.ifPresent(k -> builder.header(k.header(), k.value()));
    HttpResponse<byte[]> response;
    // HttpRequest.timeout only covers the wait for the headers; a body that stalls half-way would
    // hang forever, so the whole exchange gets the same deadline.
    CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    try {
      response = exchange.get(config.requestTimeoutSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      return Attempt.retry("no complete answer within " + config.requestTimeoutSeconds() + " s", Optional.empty());
    } catch (InterruptedException e) {
      exchange.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      return Attempt.retry(problem(e.getCause(), request), Optional.empty());
    }
    int status = response.statusCode();
    if (status == 429 || status >= 500) {
      return Attempt.retry("HTTP " + status,
          RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock.instant()));
    }
    if (status < 200 || status >= 300) {
      throw new FetchException(redact(key, request.label() + ": GET " + request.uri() + " failed with HTTP " + status
          + " after " + attempt + " attempt(s) (body: \"" + excerpt(response.body()) + "\"); " + advice(request, status, key)), false);
    }
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    if (!isJson(contentType)) {
      throw new FetchException(redact(key, request.label() + ": GET " + request.uri() + " answered HTTP " + status
          + " with content type '" + (contentType.isEmpty() ? "none" : contentType) + "' instead of application/json (body: \""
          + excerpt(response.body()) + "\"); a wrong fetch." + request.api().id()
          + ".baseUrl or a proxy or challenge page answered: check the URL in a browser"), false);
    }
    JsonNode root;
    try {
      root = JSON.readTree(response.body());
    } catch (IOException e) {
      return Attempt.retry("truncated or invalid JSON (" + response.body().length + " bytes)", Optional.empty());
    }
    if (root == null || root.isMissingNode()) {
      return Attempt.retry("empty body", Optional.empty());
    }
    OptionalInt records = request.shape().records(root);
    if (records.isEmpty()) {
      throw new FetchException(redact(key, request.label() + ": GET " + request.uri() + " answered JSON of the wrong shape"
          + " (expected " + request.shape().description() + ", body: \"" + excerpt(response.body()) + "\"); check fetch."
          + request.api().id() + ".baseUrl and the API's documentation for this endpoint"), false);
    }
    return Attempt.ok(new ApiResponse(status, response.body(), records.getAsInt(), attempt, clock.instant()));
  }

  private String problem(Throwable failure, ApiRequest request) {
    if (failure instanceof HttpConnectTimeoutException) {
      return "could not connect within " + config.connectTimeoutSeconds() + " s";
    }
    if (failure instanceof HttpTimeoutException) {
      return "no answer within " + config.requestTimeoutSeconds() + " s";
    }
    if (failure instanceof ConnectException) {
      Throwable cause = failure.getCause();
      String why = cause instanceof UnresolvedAddressException ? "host name not resolved"
          : failure.getMessage() != null ? oneLine(failure.getMessage())
          : cause != null && cause.getMessage() != null ? oneLine(cause.getMessage()) : "connection refused or unreachable";
      return "cannot connect to " + request.uri().getHost() + " (" + why + ")";
    }
    String what = failure instanceof IOException ? "I/O error: " : "request failed: ";
    return what + (failure.getMessage() == null ? failure.getClass().getSimpleName() : oneLine(failure.getMessage()));
  }

  /** application/json, with or without parameters such as charset; media types are case-insensitive. */
  static boolean isJson(String contentType) {
    int semicolon = contentType.indexOf(';');
    String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    return mediaType.equals("application/json");
  }

  private static String advice(ApiRequest request, int status, Optional<ApiKey> key) {
    String block = "fetch." + request.api().id();
    if (status == 401 || status == 403) {
      return key.isPresent() ? "the API refused the key in " + key.get().header() + ": check the key and its plan"
          : "the API refused an anonymous request: set an API key if it needs one, or check " + block + ".baseUrl";
    }
    if (status >= 300 && status < 400) {
      return "the API redirected somewhere we will not follow: check " + block + ".baseUrl";
    }
    return "the request is wrong, so retrying will not help: check " + block + " (baseUrl and the endpoint's parameters)";
  }

  private static String excerpt(byte[] body) {
    String text = new String(body, 0, Math.min(body.length, EXCERPT_CHARS * 4), StandardCharsets.UTF_8)
        .replaceAll("\\s+", " ").replace("\"", "'").trim();
    return text.length() <= EXCERPT_CHARS ? text : text.substring(0, EXCERPT_CHARS) + "...";
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s+", " ").trim();
  }

  private static String redact(Optional<ApiKey> key, String message) {
    return key.map(k -> k.redact(message)).orElse(message);
  }

  /** One attempt's outcome: a good response, or a retryable problem with the server's Retry-After if any. */
  private record Attempt(ApiResponse response, String problem, Optional<Duration> retryAfter) {
    static Attempt ok(ApiResponse response) {
      return new Attempt(response, null, Optional.empty());
    }

    static Attempt retry(String problem, Optional<Duration> retryAfter) {
      return new Attempt(null, problem, retryAfter);
    }
  }
}
