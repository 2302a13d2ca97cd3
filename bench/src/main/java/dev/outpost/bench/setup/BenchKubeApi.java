package dev.outpost.bench.setup;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What the Kubernetes benchmark reaches instead of a kube-apiserver (none can be installed from
 * the registries this project uses), on loopback: just enough discovery for kubectl, a list of
 * {@value #PODS} pods in namespace {@code default}, and a watch of them that reports a pod every
 * {@value #WATCH_EVENT_MILLIS} ms, named {@code w-NANOTIME} after the moment it was sent (this
 * JVM's {@link System#nanoTime}), so that the reader in the same JVM knows each event's delay.
 * The JDK's own HTTP server, so that the direct path costs as little as an API server can.
 */
public final class BenchKubeApi implements AutoCloseable {
  public static final String PODS_PATH = "api/v1/namespaces/default/pods";
  static final int PODS = 20;
  static final int WATCH_EVENT_MILLIS = 50;
  private static final String TOKEN = "bench-agent-token";

  private final HttpServer server;
  private final ExecutorService threads;
  private final byte[] podList;

  private BenchKubeApi(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
    this.podList = ("{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"1\"},"
        + "\"items\":[" + IntStream.range(0, PODS).mapToObj(BenchKubeApi::pod)
        .collect(Collectors.joining(",")) + "]}").getBytes(StandardCharsets.UTF_8);
  }

  public static BenchKubeApi start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      ExecutorService threads = Executors.newFixedThreadPool(16);
      server.setExecutor(threads);
      BenchKubeApi api = new BenchKubeApi(server, threads);
      server.createContext("/", api::handle);
      server.start();
      return api;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:PORT/}, the direct path. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** A kubeconfig for the agent (or kubectl on the direct path): this server with a token. */
  public Path kubeconfig(Path file) {
    try {
      return Files.writeString(file, """
          apiVersion: v1
          kind: Config
          clusters: [{name: bench, cluster: {server: '%s'}}]
          users: [{name: bench, user: {token: %s}}]
          contexts: [{name: bench, context: {cluster: bench, user: bench, namespace: default}}]
          current-context: bench
          """.formatted(url(), TOKEN));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String query = exchange.getRequestURI().getQuery();
      switch (path) {
        case "/api" -> json(exchange, "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"]}");
        case "/apis" -> json(exchange, "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[]}");
        case "/api/v1" -> json(exchange, "{\"kind\":\"APIResourceList\",\"groupVersion\":\"v1\",\"resources\":"
            + "[{\"name\":\"pods\",\"singularName\":\"pod\",\"namespaced\":true,\"kind\":\"Pod\","
            + "\"verbs\":[\"get\",\"list\",\"watch\"]}]}");
        case "/" + PODS_PATH -> {
          if (query != null && query.contains("watch=true")) {
            watch(exchange);
          } else {
            json(exchange, podList);
          }
        }
        default -> exchange.sendResponseHeaders(404, -1);
      }
    }
  }

  /** Reports a pod every {@value #WATCH_EVENT_MILLIS} ms until the client goes away. */
  private static void watch(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    try {
      while (true) {
        out.write(("{\"type\":\"ADDED\",\"object\":" + pod("w-" + System.nanoTime()) + "}\n")
            .getBytes(StandardCharsets.UTF_8));
        out.flush();
        Thread.sleep(WATCH_EVENT_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the watcher went away
    }
  }

  private static String pod(int index) {
    return pod("pod-" + index);
  }

  private static String pod(String name) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name
        + "\",\"namespace\":\"default\",\"resourceVersion\":\"1\"},\"spec\":{\"containers\":"
        + "[{\"name\":\"app\",\"image\":\"busybox\"}]},\"status\":{\"phase\":\"Running\"}}";
  }

  private static void json(HttpExchange exchange, String body) throws IOException {
    json(exchange, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void json(HttpExchange exchange, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
  }

  @Override
  public void close() {
    server.stop(0);
    // the server leaves its executor running (a watch's thread, too): without this the
    // benchmark's JVM never exits after printing its results
    threads.shutdownNow();
  }
}
