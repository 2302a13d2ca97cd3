package dev.outpost.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * An HTTPS server on loopback with a throw-away cluster CA and a leaf for one host name, as the
 * proxy presents itself: the stand-in proxy of the client's, the agent's and the CLI's tests.
 * It is started at once; add handlers with {@link #handle}.
 */
public final class TestHttpsServer implements AutoCloseable {

  private final String host;
  private final TestPki.Issued ca;
  private final HttpsServer server;

  /**
   * @param host the name clients dial, and that the leaf certificate names: a DNS name such as
   *     {@code localhost}, or an IP literal such as {@code 127.0.0.1}
   */
  public TestHttpsServer(String host) throws Exception {
    this.host = host;
    ca = TestPki.ca("Outpost CA");
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(TestPki.serverContext(TestPki.server(ca, host), ca)));
    server.start();
  }

  /** Serves {@code path} and everything below it with {@code handler}. */
  public TestHttpsServer handle(String path, HttpHandler handler) {
    server.createContext(path, handler);
    return this;
  }

  /** The cluster CA that issued the server's certificate. */
  public TestPki.Issued ca() {
    return ca;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code host:port}, as a proxy address. */
  public String address() {
    return host + ":" + port();
  }

  /** Sends {@code json} with {@code status} and ends the exchange. */
  public static void answer(HttpExchange exchange, int status, byte[] json) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, json.length);
    exchange.getResponseBody().write(json);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
