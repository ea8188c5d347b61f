package io.coinlake.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stand-in MLflow tracking server on 127.0.0.1 for contract tests. Every request is checked
 * against MLflow's REST API definition ({@link MlflowApiSpec}: endpoint, method, field names, JSON
 * types, required fields); a request that breaks it gets MLflow's 400 INVALID_PARAMETER_VALUE and
 * the problem is kept in {@link #violations()}, which a test asserts empty. Valid requests are
 * answered by {@link FakeMlflowStore} like MLflow 2.17's server, and every answer's JSON is checked
 * against the RPC's response message too. Requests are recorded in order ({@link #calls()}).
 *
 * <p>Failures are scripted with {@link #failNext} (e.g. two 503s, then normal answers), and an
 * expected {@code Authorization} header with {@link #requireAuthorization}. {@link #unusedPort()}
 * gives a port nobody listens on, for connection errors.
 */
public final class FakeMlflowServer implements AutoCloseable {
  /** One request as received: decoded path, query, JSON body (null when not JSON) and headers. */
  public record Call(String method, String path, Map<String, List<String>> query, JsonNode json, byte[] body,
      String authorization, String contentType) {
    /** "METHOD /path" without the /api/2.0 prefix, e.g. "POST /mlflow/runs/create". */
    public String line() {
      return method + " " + (path.startsWith(MlflowApiSpec.API) ? path.substring(MlflowApiSpec.API.length()) : path);
    }
  }

  private record Fault(String method, String pathSuffix, FakeMlflowReply reply, String retryAfter) {}

  private final HttpServer server;
  private final MlflowApiSpec spec = MlflowApiSpec.get();
  private final FakeMlflowStore store = new FakeMlflowStore();
  private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  private final Deque<Fault> faults = new ArrayDeque<>();
  private volatile String requiredAuthorization;

  private FakeMlflowServer(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** A server on a free port. */
  public static FakeMlflowServer start() throws IOException {
    return new FakeMlflowServer(0);
  }

  /** A server on this port (e.g. one a client was refused on before). */
  public static FakeMlflowServer start(int port) throws IOException {
    return new FakeMlflowServer(port);
  }

  /** A loopback port that was free a moment ago: connecting to it is refused. */
  public static int unusedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** http://127.0.0.1:port, the tracking URI. */
  public String uri() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public FakeMlflowStore store() {
    return store;
  }

  /** Every request so far, in arrival order. */
  public List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** {@link Call#line()} of every request so far. */
  public List<String> lines() {
    return calls().stream().map(Call::line).toList();
  }

  public void clearCalls() {
    calls.clear();
  }

  /** Every way a request broke MLflow's API (and any answer of ours that broke it). */
  public List<String> violations() {
    synchronized (violations) {
      return List.copyOf(violations);
    }
  }

  /** The next {@code times} requests whose path ends with {@code pathSuffix} get this status and MLflow error code. */
  public synchronized FakeMlflowServer failNext(String method, String pathSuffix, int times, int status, String errorCode, String message) {
    return failNext(method, pathSuffix, times, status, errorCode, message, null);
  }

  /** As {@link #failNext(String, String, int, int, String, String)}, with a Retry-After header. */
  public synchronized FakeMlflowServer failNext(String method, String pathSuffix, int times, int status, String errorCode, String message,
      String retryAfter) {
    for (int i = 0; i < times; i++) {
      faults.add(new Fault(method, pathSuffix, FakeMlflowReply.error(status, errorCode, message), retryAfter));
    }
    return this;
  }

  /** Answers 401 to every request whose Authorization header is not exactly this. */
  public void requireAuthorization(String header) {
    this.requiredAuthorization = header;
  }

  private synchronized Optional<Fault> takeFault(String method, String path) {
    for (Fault f : faults) {
      if (f.method().equals(method) && path.endsWith(f.pathSuffix())) {
        faults.remove(f);
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
      Map<String, List<String>> query = parseQuery(exchange.getRequestURI().getRawQuery());
      byte[] body = exchange.getRequestBody().readAllBytes();
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      Optional<MlflowApiSpec.Rpc> rpc = spec.find(method, path);
      boolean upload = rpc.map(r -> r.name().equals("uploadArtifact")).orElse(false);
      JsonNode json = null;
      if (body.length > 0 && !upload) {
        try {
          json = FakeMlflowReply.JSON.readTree(body);
        } catch (IOException e) {
          violations.add(method + " " + path + ": the body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
      }
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      calls.add(new Call(method, path, query, json, body, auth, contentType));
      send(exchange, answer(method, path, query, json, body, auth, rpc, contentType));
    }
  }

  private FakeMlflowReply answer(String method, String path, Map<String, List<String>> query, JsonNode json, byte[] body, String auth,
      Optional<MlflowApiSpec.Rpc> rpc, String contentType) {
    if (requiredAuthorization != null && !requiredAuthorization.equals(auth)) {
      return FakeMlflowReply.error(401, "UNAUTHENTICATED", "You are not authenticated. Please see the documentation for details.");
    }
    if (rpc.isEmpty()) {
      violations.add(method + " " + path + ": MLflow has no such endpoint" + (spec.knowsPath(path) ? " for this method" : ""));
      return FakeMlflowReply.error(404, "ENDPOINT_NOT_FOUND", "no MLflow endpoint " + method + " " + path);
    }
    if (!rpc.get().method().equals("GET") && !rpc.get().pathParameter()
        && (contentType == null || !contentType.startsWith("application/json"))) {
      violations.add(rpc.get().endpoint() + ": Content-Type must be application/json, got " + contentType);
    }
    List<String> problems = spec.check(rpc.get(), query, json);
    if (!problems.isEmpty()) {
      violations.addAll(problems);
      return FakeMlflowReply.invalid(String.join("; ", problems));
    }
    Optional<Fault> fault = takeFault(method, path);
    if (fault.isPresent()) {
      return fault.get().reply().withRetryAfter(fault.get().retryAfter());
    }
    String artifactPath = rpc.get().pathParameter() ? path.substring(rpc.get().path().length() + 1) : null;
    FakeMlflowReply reply = store.handle(rpc.get().name(), query, json, artifactPath, body);
    if (reply.status() == 200 && reply.json() != null) {
      spec.checkResponse(rpc.get(), reply.json()).forEach(p -> violations.add("fake server answer broke the API: " + p));
    }
    return reply;
  }

  private void send(HttpExchange exchange, FakeMlflowReply reply) throws IOException {
    byte[] bytes;
    if (reply.bytes() != null) {
      bytes = reply.bytes();
      exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
    } else {
      bytes = FakeMlflowReply.JSON.writeValueAsBytes(reply.json());
      exchange.getResponseHeaders().set("Content-Type", "application/json");
    }
    if (reply.retryAfter() != null) {
      exchange.getResponseHeaders().set("Retry-After", reply.retryAfter());
    }
    exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, List<String>> parseQuery(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
