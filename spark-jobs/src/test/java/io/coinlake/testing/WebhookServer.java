package io.coinlake.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A webhook endpoint on 127.0.0.1 (free port) that records every request (method, path, content
 * type, body) and answers each with one status, or, when {@code hang}, never answers until closed.
 */
public final class WebhookServer implements AutoCloseable {
  /** A request as received. */
  public record Call(String method, String path, String contentType, String body) {}

  private final HttpServer server;
  private final int status;
  private final String replyBody;
  private final boolean hang;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

  private WebhookServer(int status, String replyBody, boolean hang) throws IOException {
    this.status = status;
    this.replyBody = replyBody;
    this.hang = hang;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  /** Answers every request with {@code status} and {@code body}. */
  public static WebhookServer answering(int status, String body) throws IOException {
    return new WebhookServer(status, body, false);
  }

  /** Reads each request and never answers (until closed). */
  public static WebhookServer hanging() throws IOException {
    return new WebhookServer(200, "", true);
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    calls.add(new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
        exchange.getRequestHeaders().getFirst("Content-Type"), body));
    if (hang) {
      try {
        closing.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
      return;
    }
    byte[] reply = replyBody.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, reply.length == 0 ? -1 : reply.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(reply);
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
  }
}
