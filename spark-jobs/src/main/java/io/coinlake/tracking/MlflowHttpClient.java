package io.coinlake.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coinlake.config.HttpConfig;
import io.coinlake.config.Secrets;
import io.coinlake.fetch.Backoff;
import io.coinlake.fetch.RetryAfter;
import io.coinlake.fetch.Sleeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * HTTP to an MLflow tracking server: the Authorization header from {@link MlflowCredentials}, JSON
 * bodies, and retries with exponential backoff (or the server's Retry-After) on 429, 5xx, timeouts
 * and connection errors, as MLflow's Python client retries; other answers are returned as an
 * {@link MlflowReply} for the caller to judge. Like MLflow's client it also retries POSTs, so a
 * create whose answer was lost may be repeated; the server's uniqueness checks catch the cases that
 * matter (experiments and registered models by name).
 *
 * <p>Why not the transport of {@code org.mlflow:mlflow-client}: its {@code MlflowHttpCaller} retries
 * 429 with a hard-wired {@code Thread.sleep} (tests would really wait), retries every other error
 * status three times at once (also 400s that cannot succeed), does not retry connection errors and
 * sets no timeouts, and none of that can be configured or injected through {@code MlflowClient}.
 * The request and response fields are MLflow's REST API 2.0 as documented; the contract tests check
 * them against the API definition (the protobuf descriptors) shipped in mlflow-client.
 */
final class MlflowHttpClient {
  static final String USER_AGENT = "coinlake-mlflow/0.1";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MESSAGE_CHARS = 300;

  private final String base;
  private final String source;
  private final MlflowCredentials credentials;
  private final HttpConfig config;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Backoff backoff;
  private final HttpClient http;

  /**
   * {@code trackingUri}: http(s)://host[:port][/prefix]; {@code source} says where it came from
   * (e.g. "MLFLOW_TRACKING_URI"), for messages.
   */
  MlflowHttpClient(String trackingUri, String source, MlflowCredentials credentials, HttpConfig config,
      Clock clock, Sleeper sleeper, DoubleSupplier random) {
    this.base = trackingUri.replaceAll("/+$", "");
    this.source = source;
    this.credentials = credentials;
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

  /** The tracking URI, without a trailing slash. */
  String baseUri() {
    return base;
  }

  /** GET {@code path} (relative to the tracking URI) with query parameters; null values are left out. */
  MlflowReply get(String path, Map<String, ?> query) {
    URI uri = uri(path, query);
    return json("GET", uri, HttpRequest.BodyPublishers::noBody, null);
  }

  /** GET an absolute URL (artifact listing). */
  MlflowReply get(URI url) {
    return json("GET", url, HttpRequest.BodyPublishers::noBody, null);
  }

  /** POST a JSON body to {@code path}. */
  MlflowReply post(String path, Object body) {
    byte[] bytes = toJson(body);
    return json("POST", uri(path, Map.of()), () -> HttpRequest.BodyPublishers.ofByteArray(bytes), "application/json");
  }

  /** PUT a file's bytes at an absolute URL (artifact upload). */
  MlflowReply putFile(URI url, Path file, String contentType) {
    return json("PUT", url, () -> {
      try {
        return HttpRequest.BodyPublishers.ofFile(file);
      } catch (java.io.FileNotFoundException e) {
        throw new TrackingException("cannot upload " + file + ": the file is gone");
      }
    }, contentType);
  }

  /** DELETE an absolute URL. */
  MlflowReply delete(URI url) {
    return json("DELETE", url, HttpRequest.BodyPublishers::noBody, null);
  }

  /** GET an absolute URL into {@code target} (replaced); on an error status nothing is written. */
  MlflowReply download(URI url, Path target) {
    HttpResponse<byte[]> response = execute("GET", url, HttpRequest.BodyPublishers::noBody, null);
    MlflowReply reply = reply("GET", url, response);
    if (reply.ok()) {
      try {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.write(target, response.body());
      } catch (IOException e) {
        throw new TrackingException("cannot write the downloaded artifact to " + target + ": " + e.getMessage(), e);
      }
    }
    return reply;
  }

  /** An absolute URL for a path below the tracking URI. */
  URI uri(String path, Map<String, ?> query) {
    StringJoiner q = new StringJoiner("&");
    query.forEach((k, v) -> {
      if (v instanceof Iterable<?> values) {
        values.forEach(one -> q.add(encode(k) + "=" + encode(String.valueOf(one))));
      } else if (v != null) {
        q.add(encode(k) + "=" + encode(String.valueOf(v)));
      }
    });
    return URI.create(base + path + (q.length() == 0 ? "" : "?" + q));
  }

  private MlflowReply json(String method, URI uri, Supplier<HttpRequest.BodyPublisher> body, String contentType) {
    return reply(method, uri, execute(method, uri, body, contentType));
  }

  private HttpResponse<byte[]> execute(String method, URI uri, Supplier<HttpRequest.BodyPublisher> body, String contentType) {
    String lastProblem = "no attempt made";
    for (int attempt = 1; ; attempt++) {
      Optional<Duration> retryAfter = Optional.empty();
      HttpRequest.Builder request = HttpRequest.newBuilder(uri)
          .timeout(Duration.ofSeconds(config.requestTimeoutSeconds()))
          .header("Accept", "application/json")
          .header("User-Agent", USER_AGENT)
          .method(method, body.get());
      if (contentType != null) {
        request.header("Content-Type", contentType);
      }
      credentials.authorization().ifPresent(value -> request.header("Authorization", value));
      CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      try {
        // HttpRequest.timeout covers only the wait for the headers; a stalled body gets the same deadline
        HttpResponse<byte[]> response = exchange.get(config.requestTimeoutSeconds(), TimeUnit.SECONDS);
        int status = response.statusCode();
        if (status != 429 && status < 500) {
          return response;
        }
        lastProblem = "HTTP " + status + errorOf(response.body());
        retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock.instant());
      } catch (TimeoutException e) {
        exchange.cancel(true);
        lastProblem = "no complete answer within " + config.requestTimeoutSeconds() + " s";
      } catch (ExecutionException e) {
        lastProblem = problem(e.getCause(), uri);
      } catch (InterruptedException e) {
        exchange.cancel(true);
        Thread.currentThread().interrupt();
        throw new TrackingException(where(method, uri) + " interrupted after " + attempt + " attempt(s)");
      }
      if (attempt >= config.maxAttempts()) {
        throw new TrackingException(Secrets.redact("MLflow tracking server " + base + " (from " + source + ") is down, unreachable"
            + " or overloaded: " + method + " " + uri.getRawPath() + " gave up after " + attempt + " attempt(s), last problem: "
            + lastProblem + "; start the server or fix " + source + ", or raise mlflow.http.maxAttempts"));
      }
      try {
        int failed = attempt;
        sleeper.sleep(retryAfter.map(backoff::retryAfter).orElseGet(() -> backoff.afterFailure(failed)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TrackingException(where(method, uri) + " interrupted while waiting to retry");
      }
    }
  }

  private MlflowReply reply(String method, URI uri, HttpResponse<byte[]> response) {
    int status = response.statusCode();
    byte[] body = response.body();
    JsonNode json = parse(body);
    boolean ok = status >= 200 && status < 300;
    if (ok && json == null && body.length > 0 && looksJson(response)) {
      throw new TrackingException(where(method, uri) + " answered HTTP " + status + " with a body that is not valid JSON;"
          + " check that " + base + " is an MLflow tracking server");
    }
    String code = "";
    String message = "";
    if (!ok) {
      if (json != null && json.hasNonNull("error_code")) {
        code = json.path("error_code").asText();
        message = oneLine(json.path("message").asText(""));
      } else {
        message = oneLine(new String(body, 0, Math.min(body.length, MESSAGE_CHARS * 4), StandardCharsets.UTF_8));
      }
    }
    return new MlflowReply(where(method, uri), status, json, code, message);
  }

  private String where(String method, URI uri) {
    return "MLflow " + method + " " + uri.getRawPath();
  }

  private static boolean looksJson(HttpResponse<?> response) {
    return response.headers().firstValue("Content-Type").orElse("").toLowerCase(java.util.Locale.ROOT).contains("json");
  }

  private static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(body);
      return node == null || node.isMissingNode() ? null : node;
    } catch (IOException e) {
      return null;
    }
  }

  /** " CODE: message" of an MLflow error body, or "". */
  private static String errorOf(byte[] body) {
    JsonNode json = parse(body);
    if (json == null || !json.hasNonNull("error_code")) {
      return "";
    }
    String message = oneLine(json.path("message").asText(""));
    return " " + json.get("error_code").asText() + (message.isEmpty() ? "" : ": " + message);
  }

  private String problem(Throwable failure, URI uri) {
    if (failure instanceof HttpConnectTimeoutException) {
      return "could not connect within " + config.connectTimeoutSeconds() + " s";
    }
    if (failure instanceof HttpTimeoutException) {
      return "no answer within " + config.requestTimeoutSeconds() + " s";
    }
    if (failure instanceof ConnectException) {
      Throwable cause = failure.getCause();
      String why = cause instanceof UnresolvedAddressException ? "host name not resolved" : "connection refused";
      return "cannot connect to " + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + " (" + why + ")";
    }
    if (failure instanceof TrackingException t) {
      throw t;
    }
    if (failure instanceof UncheckedIOException u) {
      failure = u.getCause();
    }
    String what = failure instanceof IOException ? "I/O error: " : "request failed: ";
    return what + (failure.getMessage() == null ? failure.getClass().getSimpleName() : oneLine(failure.getMessage()));
  }

  static byte[] toJson(Object body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new TrackingException("cannot encode an MLflow request as JSON: " + e.getMessage(), e);
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String oneLine(String s) {
    String line = Secrets.redact(s.replaceAll("\\s+", " ").trim());
    return line.length() <= MESSAGE_CHARS ? line : line.substring(0, MESSAGE_CHARS) + "...";
  }
}
