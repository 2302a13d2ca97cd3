package dev.outpost.it.kube;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.outpost.it.EdgeHost;
import dev.outpost.it.Polling;
import dev.outpost.tunnel.http.HttpHead;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The stand-in for a Kubernetes API server, run inside the edge network namespace: no
 * kube-apiserver can be installed from the registries this project may use. Objects are kept by
 * the fabric8 Kubernetes mock server in CRUD mode; a thin front in this process serves what the
 * mock does not serve to kubectl: discovery ({@code /api}, {@code /apis}, {@code /api/v1}),
 * watches as chunked HTTP streams (the mock serves watches over WebSocket only), a followed pod
 * log ({@value #LOG_LINES} lines, {@value #LOG_PAUSE_MILLIS} ms apart), exec/attach over
 * WebSocket ({@link ExecWebSocket}) and port-forward over SPDY/3.1, tunnelled in a WebSocket or
 * not ({@link PortForwardUpgrade}), to a TCP echo server on 127.0.0.1:{@value #ECHO_PORT}, the one
 * "pod port" there is ({@link EchoServer}). Every request's impersonation and credential headers are
 * printed to stdout, one {@code REQUEST} line each, for the test to check what reached the API
 * server.
 *
 * <p>The port is served raw: a request head naming an upgrade is answered here, any other
 * request goes on, bytes as they are, to the JDK HTTP server of the front (which cannot switch
 * protocols).
 *
 * <p>With a {@link PodServiceAccount}, the same API is also served on a second port over HTTPS as
 * a cluster serves it to its pods: with the certificate that account's CA issued, and only to
 * requests bearing that account's token (others get a 401 {@code Status} and a {@code REFUSED}
 * line).
 *
 * <p>Usage: {@code KubeApiStandIn PORT [POD_PORT KEY_STORE TOKEN_FILE]}; listens on 127.0.0.1
 * only.
 */
public final class KubeApiStandIn {
  private static final Set<String> HOP_BY_HOP = Set.of("connection", "host", "content-length",
      "transfer-encoding", "keep-alive", "upgrade", "expect");
  private static final String API_VERSIONS = """
      {"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"127.0.0.1:443"}]}""";
  private static final String API_GROUPS = """
      {"kind":"APIGroupList","apiVersion":"v1","groups":[]}""";
  private static final String CORE_RESOURCES = """
      {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"v1","resources":[
      {"name":"pods","singularName":"pod","namespaced":true,"kind":"Pod","verbs":["create","delete","get","list","patch","update","watch"],"shortNames":["po"]},
      {"name":"configmaps","singularName":"configmap","namespaced":true,"kind":"ConfigMap","verbs":["create","delete","get","list","patch","update","watch"],"shortNames":["cm"]},
      {"name":"namespaces","singularName":"namespace","namespaced":false,"kind":"Namespace","verbs":["create","delete","get","list","watch"],"shortNames":["ns"]}]}""";

  static final int LOG_LINES = 10;
  static final int LOG_PAUSE_MILLIS = 500;
  /** The port {@code kubectl port-forward} reaches, on loopback in the stand-in's namespace. */
  static final int ECHO_PORT = 16480;

  /** Objects created through the front, for the watches: path of the collection and JSON. */
  private record Change(String collection, String type, String object) {}

  private final List<BlockingQueue<Change>> watchers = new CopyOnWriteArrayList<>();
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI mock;

  private KubeApiStandIn(URI mock) {
    this.mock = mock;
  }

  /**
   * Starts the stand-in in {@code edge}'s network namespace on loopback port {@code port}, its
   * output in {@code log}, and waits until it serves.
   */
  public static Process launch(EdgeHost edge, int port, Path log) throws IOException {
    return launch(edge, log, Integer.toString(port));
  }

  /**
   * Like {@link #launch(EdgeHost, int, Path)}, and serving the pods of {@code pod} on {@code
   * podPort} as well.
   */
  public static Process launch(EdgeHost edge, int port, Path log, int podPort, PodServiceAccount pod)
      throws IOException {
    return launch(edge, log, Integer.toString(port), Integer.toString(podPort),
        pod.apiServerKeys().toString(), pod.mounted().resolve("token").toString());
  }

  private static Process launch(EdgeHost edge, Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"), KubeApiStandIn.class.getName()));
    command.addAll(List.of(args));
    Process api = edge.spawn(command, log);
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline) && api.isAlive()) {
      if (Files.exists(log) && Files.readString(log).contains("READY")) {
        return api;
      }
      Polling.sleep(250);
    }
    throw new AssertionError("API stand-in did not start: " + (Files.exists(log) ? Files.readString(log) : ""));
  }

  /**
   * Writes to {@code file} the kubeconfig an agent beside the stand-in uses: the stand-in on
   * {@code port}, bearer {@code token} (which the stand-in prints with each request).
   */
  public static Path agentKubeconfig(Path file, int port, String token) throws IOException {
    return Files.writeString(file, """
        apiVersion: v1
        kind: Config
        clusters:
        - name: edge
          cluster: {server: 'http://127.0.0.1:%d'}
        users:
        - name: agent
          user: {token: '%s'}
        contexts:
        - name: edge
          context: {cluster: edge, user: agent}
        current-context: edge
        """.formatted(port, token));
  }

  public static void main(String[] args) throws IOException {
    KubernetesMockServer store = new KubernetesMockServer(new Context(), new MockWebServer(),
        new HashMap<>(), new KubernetesCrudDispatcher(), false);
    store.init(InetAddress.getLoopbackAddress(), 0);
    KubeApiStandIn front = new KubeApiStandIn(URI.create("http://127.0.0.1:" + store.getPort()));
    ExecutorService threads = Executors.newCachedThreadPool();
    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.setExecutor(threads);
    server.createContext("/", front::handle);
    server.start();
    EchoServer.start(ECHO_PORT, threads);
    int httpPort = server.getAddress().getPort();
    if (args.length == 4) {
      ServerSocket pods = podListener(Integer.parseInt(args[1]), Path.of(args[2]));
      String token = "Bearer " + Files.readString(Path.of(args[3])).strip();
      threads.execute(() -> serve(pods, Optional.of(token), httpPort, threads));
    }
    ServerSocket raw = new ServerSocket(Integer.parseInt(args[0]), 50, InetAddress.getLoopbackAddress());
    System.out.println("READY " + args[0]);
    serve(raw, Optional.empty(), httpPort, threads);
  }

  /** HTTPS on {@code port} with the key and chain in {@code keyStore}, for the pods. */
  private static ServerSocket podListener(int port, Path keyStore) throws IOException {
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keyStore)) {
        keys.load(in, PodServiceAccount.KEY_STORE_PASSWORD.toCharArray());
      }
      KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      managers.init(keys, PodServiceAccount.KEY_STORE_PASSWORD.toCharArray());
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(managers.getKeyManagers(), null, null);
      return tls.getServerSocketFactory().createServerSocket(port, 50, InetAddress.getLoopbackAddress());
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot serve HTTPS: " + e.getMessage(), e);
    }
  }

  /** Accepts connections on {@code listener}, each with {@code token} required when given. */
  private static void serve(ServerSocket listener, Optional<String> token, int httpPort,
      ExecutorService threads) {
    while (true) {
      try {
        Socket client = listener.accept();
        threads.execute(() -> connection(client, token, httpPort, threads));
      } catch (IOException e) {
        System.out.println("FAILED " + e);
        return;
      }
    }
  }

  /** One connection of the agent's (one request: the agent asks for {@code Connection: close}). */
  private static void connection(Socket client, Optional<String> token, int httpPort,
      ExecutorService threads) {
    try (client) {
      InputStream in = new BufferedInputStream(client.getInputStream());
      HttpHead head = HttpHead.read(in);
      Optional<String> authorization = head.header("Authorization");
      if (token.isPresent() && !token.equals(authorization)) {
        System.out.println("REFUSED " + head.startLine() + " authorization=" + authorization.orElse(null));
        unauthorized(client.getOutputStream());
        return;
      }
      List<String> users = values(head, "Impersonate-User");
      System.out.println("REQUEST " + head.startLine().replaceFirst(" HTTP/1\\.1$", "")
          + " impersonate-user=" + (users.isEmpty() ? null : users)
          + " impersonate-group=" + values(head, "Impersonate-Group")
          + " authorization=" + head.header("Authorization").orElse(null));
      if (ExecWebSocket.asks(head)) {
        ExecWebSocket.serve(head, in, client.getOutputStream());
        return;
      }
      if (PortForwardUpgrade.asks(head)) {
        PortForwardUpgrade.serve(head, in, client.getOutputStream(), threads);
        return;
      }
      try (Socket http = new Socket(InetAddress.getLoopbackAddress(), httpPort)) {
        head.write(http.getOutputStream());
        threads.execute(() -> {
          try {
            in.transferTo(http.getOutputStream());
          } catch (IOException e) {
            // the exchange ended: both sockets are closed below
          }
        });
        http.getInputStream().transferTo(client.getOutputStream());
      }
    } catch (IOException | RuntimeException e) {
      System.out.println("FAILED " + e);
    }
  }

  /** What an API server answers a request without a credential it accepts. */
  private static void unauthorized(OutputStream out) throws IOException {
    byte[] status = """
        {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}"""
        .getBytes(StandardCharsets.UTF_8);
    new HttpHead("HTTP/1.1 401 Unauthorized", List.of(
        new HttpHead.Header("Content-Type", "application/json"),
        new HttpHead.Header("Content-Length", Integer.toString(status.length)),
        new HttpHead.Header("Connection", "close"))).write(out);
    out.write(status);
    out.flush();
  }

  private static List<String> values(HttpHead head, String name) {
    return head.headers().stream().filter(h -> h.is(name)).map(HttpHead.Header::value).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      String query = exchange.getRequestURI().getRawQuery();
      switch (path) {
        case "/api" -> json(exchange, 200, API_VERSIONS);
        case "/apis" -> json(exchange, 200, API_GROUPS);
        case "/api/v1" -> json(exchange, 200, CORE_RESOURCES);
        default -> {
          if (path.matches("/api/v1/namespaces/[^/]+/pods/[^/]+/log")) {
            followedLog(exchange);
          } else if (query != null && query.matches("(^|.*&)watch=(1|true)(&.*|$)")) {
            watch(exchange, path);
          } else {
            forward(exchange, path, query);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      System.out.println("FAILED " + e);
    }
  }

  private void forward(HttpExchange exchange, String path, String query) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    HttpRequest.Builder request = HttpRequest.newBuilder(
        mock.resolve(path + (query == null ? "" : "?" + query)))
        .method(exchange.getRequestMethod(), body.length == 0
            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.toLowerCase().startsWith("impersonate-")
          && !name.equalsIgnoreCase("authorization")) {
        values.forEach(value -> request.header(name, value));
      }
    });
    HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (exchange.getRequestMethod().equals("POST") && response.statusCode() / 100 == 2) {
      Change added = new Change(path, "ADDED", new String(response.body(), StandardCharsets.UTF_8));
      watchers.forEach(queue -> queue.add(added));
    }
    String type = response.headers().firstValue("Content-Type").orElse("application/json");
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
    exchange.getResponseBody().write(response.body());
  }

  /** A watch as the API server sends it: chunked, one JSON event per line, as changes happen. */
  private void watch(HttpExchange exchange, String path) throws IOException {
    String collection = path.replace("/watch/", "/");
    BlockingQueue<Change> changes = new LinkedBlockingQueue<>();
    watchers.add(changes);
    try {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      out.flush();
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (System.nanoTime() < deadline) {
        Change change = changes.poll(1, TimeUnit.SECONDS);
        if (change != null && change.collection().equals(collection)) {
          out.write(("{\"type\":\"" + change.type() + "\",\"object\":" + change.object().strip()
              + "}\n").getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      watchers.remove(changes);
    }
  }

  /** A container's log as {@code logs -f} gets it: lines as they are written, then the end. */
  private static void followedLog(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/plain");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    for (int line = 1; line <= LOG_LINES; line++) {
      out.write(("log line " + line + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      try {
        Thread.sleep(LOG_PAUSE_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void json(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
