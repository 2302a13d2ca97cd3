package dev.outpost.agent.join;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.outpost.client.TestHttpsServer;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * The proxy's join endpoint on loopback, dialled as {@code 127.0.0.1}: the shared {@link
 * TestHttpsServer} with one handler, and the cluster CA as the join response carries it.
 */
final class TestProxy implements AutoCloseable {
  final X509Certificate ca;
  private final TestHttpsServer server;

  TestProxy(String path, HttpHandler handler) throws Exception {
    server = new TestHttpsServer("127.0.0.1").handle(path, handler);
    ca = server.ca().certificate();
  }

  String address() {
    return server.address();
  }

  String caPem() throws Exception {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder().encodeToString(ca.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  static void answer(HttpExchange exchange, int status, byte[] json) throws IOException {
    TestHttpsServer.answer(exchange, status, json);
  }

  @Override
  public void close() {
    server.close();
  }
}
