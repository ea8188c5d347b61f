package io.coinlake.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP server on 127.0.0.1 (free port) that answers requests with a script of responses, in
 * order, and records every request it saw. An unscripted request gets a 599 so a test notices.
 */
final class ScriptedServer implements AutoCloseable {
  /** One scripted answer; {@code stallAfterBytes} >= 0 announces the full length, sends that much and stalls. */
  record Reply(int status, String contentType, byte[] body, Map<String, String> headers, int stallAfterBytes) {
    static Reply json(int status, String body) {
      return new Reply(status, "application/json; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), Map.of(), -1);
    }

    static Reply of(int status, String contentType, String body) {
      return new Reply(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of(), -1);
    }

    Reply withHeader(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Reply(status, contentType, body, h, stallAfterBytes);
    }

    Reply stallAfter(int bytes) {
      return new Reply(status, contentType, body, headers, bytes);
    }
  }

  /** A request as received: path with query, and the headers (names lower-cased). */
  record Seen(String pathAndQuery, Map<String, String> headers) {}

  private final HttpServer server;
  private final Deque<Reply> script = new ArrayDeque<>();
  private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());

  ScriptedServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  ScriptedServer reply(Reply... replies) {
    synchronized (script) {
      script.addAll(List.of(replies));
    }
    return this;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  URI uri(String pathAndQuery) {
    return URI.create(baseUrl() + pathAndQuery);
  }

  List<Seen> seen() {
    return List.copyOf(seen);
  }

  private void handle(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
    seen.add(new Seen(exchange.getRequestURI().toString(), headers));
    Reply reply;
    synchronized (script) {
      reply = script.isEmpty() ? Reply.of(599, "text/plain", "unscripted request") : script.poll();
    }
    if (reply.contentType() != null) {
      exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    }
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    byte[] body = reply.body();
    exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
    OutputStream out = exchange.getResponseBody();
    if (reply.stallAfterBytes() >= 0) {
      // announce the whole length, send part of it and leave the connection open: a stalled body
      out.write(body, 0, reply.stallAfterBytes());
      out.flush();
      return;
    }
    out.write(body);
    out.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
