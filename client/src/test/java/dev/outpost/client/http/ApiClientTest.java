package dev.outpost.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.outpost.api.LoginRequest;
import dev.outpost.api.NodeView;
import dev.outpost.api.StatusResponse;
import dev.outpost.client.TestHttpsServer;
import dev.outpost.client.TestPki;
import dev.outpost.client.TestPki.Issued;
import dev.outpost.client.tls.CaPin;
import dev.outpost.client.tls.PinnedTrust;
import dev.outpost.client.tls.TlsContexts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST client and the TLS trust modes against a real HTTPS server on loopback. */
class ApiClientTest {

  private static final String STATUS_JSON =
      "{\"user\":\"alice\",\"cluster\":\"edge\",\"roles\":[\"access\"],\"logins\":[\"root\"],"
          + "\"expires\":\"2030-01-02T03:04:05Z\",\"added_later\":1}";

  private static Issued ca;
  private static TestHttpsServer server;
  private static final Map<String, String> seen = new ConcurrentHashMap<>();

  @BeforeAll
  static void startServer() throws Exception {
    server = new TestHttpsServer("localhost");
    ca = server.ca();
    server.handle(
        "/api/v1/me",
        exchange -> {
          seen.put(
              "authorization",
              String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
          answer(exchange, 200, STATUS_JSON);
        });
    server.handle(
        "/api/v1/nodes",
        exchange ->
            answer(
                exchange,
                200,
                "[{\"name\":\"n1\",\"cluster\":\"edge\",\"address\":\"tunnel\","
                    + "\"labels\":{\"env\":\"lab\"},\"online\":true,\"last_seen\":null}]"));
    server.handle(
        "/api/v1/login",
        exchange -> {
          seen.put(
              "login",
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          answer(exchange, 401, "{\"error\":\"TOTP code required\"}");
        });
    server.handle("/api/v1/logout", exchange -> answer(exchange, 204, null));
    server.handle("/broken", exchange -> answer(exchange, 502, "<html>Bad Gateway</html>"));
    server.handle(
        "/slow",
        exchange -> {
          try {
            Thread.sleep(1_500);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          answer(exchange, 200, STATUS_JSON);
        });
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    exchange.getRequestBody().readAllBytes();
    if (json == null) {
      exchange.sendResponseHeaders(status, -1);
    } else {
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
    }
    exchange.close();
  }

  private static ProxyAddress at(String host) {
    return new ProxyAddress(host, server.port());
  }

  private static ApiClient trustingCa(String host) {
    return new ApiClient(at(host), TlsContexts.trusting(ca.certificate()));
  }

  @Test
  void decodesSnakeCaseAndInstantsAndIgnoresUnknownFields() throws Exception {
    StatusResponse me =
        trustingCa("localhost").withBearerToken("s3cret").get("/api/v1/me", StatusResponse.class);
    assertEquals(
        new StatusResponse(
            "alice",
            "edge",
            List.of("access"),
            List.of("root"),
            Instant.parse("2030-01-02T03:04:05Z")),
        me);
    assertEquals("Bearer s3cret", seen.get("authorization"));
  }

  @Test
  void decodesLists() throws Exception {
    List<NodeView> nodes = trustingCa("localhost").getList("/api/v1/nodes", NodeView.class);
    assertEquals(
        List.of(new NodeView("n1", "edge", "tunnel", Map.of("env", "lab"), true, null, false, false)), nodes);
  }

  @Test
  void sendsSnakeCaseAndReportsTheProxysErrorLine() throws Exception {
    LoginRequest request = new LoginRequest("alice", "pw", null, "ssh-ed25519 AAAA", null, "1h");
    ApiException e =
        assertThrows(
            ApiException.class,
            () -> trustingCa("localhost").post("/api/v1/login", request, StatusResponse.class));
    assertEquals(401, e.status());
    assertEquals("TOTP code required", e.getMessage());
    JsonNode sent = WireJson.mapper().readTree(seen.get("login"));
    assertEquals("ssh-ed25519 AAAA", sent.get("ssh_public_key").asText());
    assertEquals("1h", sent.get("ttl").asText());
  }

  @Test
  void acceptsEmptyAnswers() throws Exception {
    trustingCa("localhost").withBearerToken("t").post("/api/v1/logout", null);
  }

  @Test
  void reportsNonJsonErrorsByStatus() {
    ApiException e =
        assertThrows(
            ApiException.class, () -> trustingCa("localhost").get("/broken", JsonNode.class));
    assertEquals(502, e.status());
    assertEquals("proxy " + at("localhost") + " answered HTTP 502", e.getMessage());
  }

  @Test
  void pinnedTrustAcceptsTheProxyAndExposesItsCa() throws Exception {
    PinnedTrust pinned = TlsContexts.pinned(CaPin.of(ca.certificate()).toString());
    new ApiClient(at("localhost"), pinned.context()).get("/api/v1/me", StatusResponse.class);
    assertEquals(ca.certificate(), pinned.matchedCa().orElseThrow());
  }

  @Test
  void pinnedTrustStillVerifiesTheHostName() {
    PinnedTrust pinned = TlsContexts.pinned(CaPin.of(ca.certificate()).toString());
    ProxyConnectionException e =
        assertThrows(
            ProxyConnectionException.class,
            () ->
                new ApiClient(at("127.0.0.1"), pinned.context())
                    .get("/api/v1/me", StatusResponse.class));
    assertTrue(
        e.getMessage().startsWith("proxy " + at("127.0.0.1") + " is not trusted"), e.getMessage());
  }

  @Test
  void pinnedTrustRefusesAnotherCa() throws Exception {
    PinnedTrust pinned =
        TlsContexts.pinned(CaPin.of(TestPki.ca("Outpost CA").certificate()).toString());
    ProxyConnectionException e =
        assertThrows(
            ProxyConnectionException.class,
            () ->
                new ApiClient(at("localhost"), pinned.context())
                    .get("/api/v1/me", StatusResponse.class));
    assertTrue(e.getMessage().contains("does not contain the pinned CA"), e.getMessage());
    assertTrue(pinned.matchedCa().isEmpty());
  }

  @Test
  void caTrustRefusesAProxyOfAnotherCa() throws Exception {
    ApiClient client =
        new ApiClient(
            at("localhost"), TlsContexts.trusting(TestPki.ca("Outpost CA").certificate()));
    ProxyConnectionException e =
        assertThrows(
            ProxyConnectionException.class, () -> client.get("/api/v1/me", StatusResponse.class));
    assertTrue(
        e.getMessage().startsWith("proxy " + at("localhost") + " is not trusted"), e.getMessage());
  }

  @Test
  void aShorterTimeoutAppliesToItsOwnRequestsOnly() throws Exception {
    ApiClient client = trustingCa("localhost");
    ProxyConnectionException e =
        assertThrows(
            ProxyConnectionException.class,
            () -> client.withTimeout(Duration.ofMillis(200)).get("/slow", StatusResponse.class));
    assertTrue(e.getMessage().endsWith("did not answer in time"), e.getMessage());
    assertEquals("alice", client.get("/slow", StatusResponse.class).user());
  }

  @Test
  void insecureTrustAcceptsAnyNameAndCa() throws Exception {
    new ApiClient(at("127.0.0.1"), TlsContexts.insecure()).get("/api/v1/me", StatusResponse.class);
  }

  @Test
  void namesTheProxyWhenNothingListens() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    ApiClient client =
        new ApiClient(new ProxyAddress("127.0.0.1", closedPort), TlsContexts.insecure());
    ProxyConnectionException e =
        assertThrows(
            ProxyConnectionException.class, () -> client.get("/api/v1/me", StatusResponse.class));
    assertEquals(
        "cannot connect to proxy 127.0.0.1:" + closedPort + ": connection refused or unreachable",
        e.getMessage());
  }
}
