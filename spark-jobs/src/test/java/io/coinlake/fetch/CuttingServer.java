package io.coinlake.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw-socket HTTP/1.1 server for what {@link ScriptedServer} cannot do: the connection drops
 * in the middle of the body. Connection i gets the i-th raw reply (the last repeats) and is closed.
 */
final class CuttingServer implements AutoCloseable {
  private final ServerSocket socket;
  private final List<byte[]> replies;
  private final AtomicInteger connections = new AtomicInteger();
  private final Thread acceptor;

  CuttingServer(List<String> rawReplies) throws IOException {
    socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    replies = rawReplies.stream().map(r -> r.getBytes(StandardCharsets.UTF_8)).toList();
    acceptor = new Thread(this::serve, "cutting-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** 200 application/json announcing {@code body}'s length but sending only its first {@code sent} bytes. */
  static String cut(String body, int sent) {
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body.substring(0, sent);
  }

  static String complete(String body) {
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  int connections() {
    return connections.get();
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        int i = connections.getAndIncrement();
        readRequestHead(client.getInputStream());
        OutputStream out = client.getOutputStream();
        out.write(replies.get(Math.min(i, replies.size() - 1)));
        out.flush();
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void readRequestHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    int b;
    while (matched < 4 && (b = in.read()) >= 0) {
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
