package io.coinlake.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP server on 127.0.0.1 (free port) that replays recorded API responses by request path
 * (the query is ignored), so {@code coinlake fetch} can run end to end without the internet. An
 * unknown path gets a 404, which fetch reports as a failure, so a test notices a wrong URL.
 */
public final class ApiReplayServer implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, byte[]> bodies = new LinkedHashMap<>();
  private final List<String> requested = Collections.synchronizedList(new ArrayList<>());

  private ApiReplayServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
  }

  /** A server answering each path with the bytes of its recorded file. */
  public static ApiReplayServer replaying(Map<String, Path> recordedByPath) throws IOException {
    ApiReplayServer replay = new ApiReplayServer();
    for (Map.Entry<String, Path> e : recordedByPath.entrySet()) {
      replay.bodies.put(e.getKey(), Files.readAllBytes(e.getValue()));
    }
    replay.server.start();
    return replay;
  }

  /** http://127.0.0.1:port, no trailing slash. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Every request seen, as path?query, in arrival order. */
  public List<String> requested() {
    synchronized (requested) {
      return List.copyOf(requested);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String query = exchange.getRequestURI().getRawQuery();
    requested.add(query == null ? path : path + "?" + query);
    byte[] body = bodies.get(path);
    int status = body == null ? 404 : 200;
    if (body == null) {
      body = ("{\"error\":\"no recorded response for " + path + "\"}").getBytes(StandardCharsets.UTF_8);
    }
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
