package dev.outpost.cli.command;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.outpost.api.ErrorResponse;
import dev.outpost.api.LockRequest;
import dev.outpost.api.LockView;
import dev.outpost.api.LoginRequest;
import dev.outpost.api.LoginResponse;
import dev.outpost.api.NodeView;
import dev.outpost.api.RoleApplied;
import dev.outpost.api.RoleRequest;
import dev.outpost.api.RoleView;
import dev.outpost.api.StatusResponse;
import dev.outpost.api.TokenRequest;
import dev.outpost.api.TrustedClusterView;
import dev.outpost.api.TokenResponse;
import dev.outpost.api.TotpEnrollmentRequest;
import dev.outpost.api.TotpSecretOffer;
import dev.outpost.api.TotpSecretRequest;
import dev.outpost.api.UserCreated;
import dev.outpost.api.UserRequest;
import dev.outpost.api.UserView;
import dev.outpost.cli.TestCertificates;
import dev.outpost.client.TestHttpsServer;
import dev.outpost.client.TestPki;
import dev.outpost.client.http.WireJson;
import dev.outpost.client.tls.CaPin;
import dev.outpost.client.tls.Pem;
import java.io.IOException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * The proxy's REST API as the CLI sees it, on a loopback HTTPS port with a throw-away cluster CA:
 * user {@code alice} (password {@code secret}), user {@code bob} (also TOTP {@code 123456}).
 */
final class FakeProxy implements AutoCloseable {

  static final String CLUSTER = "edge";
  static final String LEAF = "depot";
  private static final List<NodeView> NODES = List.of(
      new NodeView("node1", CLUSTER, "tunnel", Map.of("env", "lab", "region", "eu"), true, null,
          false, false),
      new NodeView("node2", CLUSTER, "tunnel", Map.of("env", "prod"), false,
          Instant.parse("2030-01-01T00:00:00Z"), false, true),
      new NodeView("node3", CLUSTER, "tunnel", Map.of("env", "field"), false,
          Instant.parse("2030-01-02T00:00:00Z"), true, false));
  static final String TOKEN = "session-token-1";
  static final String TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
  static final Instant EXPIRES =
      Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

  final TestPki.Issued ca;
  final KeyPair userCa;
  final KeyPair hostCa;
  final AtomicBoolean revoked = new AtomicBoolean();
  final AtomicReference<TotpEnrollmentRequest> enrolled = new AtomicReference<>();
  private final TestHttpsServer server;

  FakeProxy() throws Exception {
    server = new TestHttpsServer("localhost");
    ca = server.ca();
    userCa = TestCertificates.ed25519();
    hostCa = TestCertificates.ed25519();
    server.handle("/api/v1/login", handler(this::login));
    server.handle(
        "/api/v1/mfa/totp/secret",
        handler(
            exchange -> {
              TotpSecretRequest request =
                  WireJson.mapper().readValue(exchange.getRequestBody(), TotpSecretRequest.class);
              answer(
                  exchange,
                  200,
                  new TotpSecretOffer(
                      request.user(), TOTP_SECRET, "otpauth://totp/edge:" + request.user()));
            }));
    server.handle("/api/v1/mfa/totp", handler(this::enrollTotp));
    server.handle(
        "/api/v1/me",
        authenticated(
            exchange ->
                answer(
                    exchange,
                    200,
                    new StatusResponse(
                        "alice", CLUSTER, List.of("access"), List.of("root", "ubuntu"), EXPIRES))));
    server.handle(
        "/api/v1/nodes",
        authenticated(
            exchange -> {
              String query = exchange.getRequestURI().getRawQuery();
              if (query == null || query.equals("cluster=" + CLUSTER)) {
                answer(exchange, 200, NODES);
              } else if (query.equals("cluster=" + LEAF)) {
                answer(exchange, 200, List.of(new NodeView(
                    "node-a", LEAF, "tunnel", Map.of("env", "depot"), true, null, false, false)));
              } else {
                answer(exchange, 404, new ErrorResponse("unknown cluster 'other'"));
              }
            }));
    server.handle(
        "/api/v1/clusters",
        authenticated(
            exchange ->
                answer(
                    exchange,
                    200,
                    List.of(
                        TrustedClusterView.of(CLUSTER, "self", true, null, List.of(TestCertificates.line(hostCa.getPublic()))),
                        TrustedClusterView.of(LEAF, "leaf", true, null, List.of(TestCertificates.line(hostCa.getPublic())))))));
    server.handle(
        "/api/v1/admin/tokens",
        authenticated(
            exchange -> {
              TokenRequest request =
                  WireJson.mapper().readValue(exchange.getRequestBody(), TokenRequest.class);
              answer(
                  exchange,
                  200,
                  new TokenResponse(
                      "id-" + request.type(),
                      "join-" + request.type(),
                      request.type(),
                      EXPIRES,
                      CaPin.of(ca.certificate()).toString()));
            }));
    server.handle(
        "/api/v1/admin/users",
        authenticated(
            exchange -> {
              switch (exchange.getRequestMethod()) {
                case "POST" -> {
                  UserRequest request =
                      WireJson.mapper().readValue(exchange.getRequestBody(), UserRequest.class);
                  answer(
                      exchange,
                      200,
                      new UserCreated(
                          request.name(),
                          request.roles(),
                          request.logins(),
                          "https://localhost/invite/abc",
                          "abc",
                          EXPIRES));
                }
                case "DELETE" -> deleted(exchange);
                default ->
                    answer(
                        exchange,
                        200,
                        List.of(
                            new UserView(
                                "bob", List.of("edge-ops"), List.of("ubuntu"), true, true,
                                EXPIRES)));
              }
            }));
    server.handle(
        "/api/v1/admin/roles",
        authenticated(
            exchange -> {
              switch (exchange.getRequestMethod()) {
                case "POST" -> {
                  RoleRequest request =
                      WireJson.mapper().readValue(exchange.getRequestBody(), RoleRequest.class);
                  lastRoleResource.set(request.resource());
                  answer(exchange, 200, new RoleApplied("edge-ops", true));
                }
                case "DELETE" -> deleted(exchange);
                default ->
                    answer(
                        exchange,
                        200,
                        List.of(
                            new RoleView(
                                "edge-ops",
                                Map.of("logins", List.of("root")),
                                Map.of(),
                                Map.of("port_forwarding", false),
                                false)));
              }
            }));
    server.handle(
        "/api/v1/admin/locks",
        authenticated(
            exchange -> {
              switch (exchange.getRequestMethod()) {
                case "POST" -> {
                  LockRequest request =
                      WireJson.mapper().readValue(exchange.getRequestBody(), LockRequest.class);
                  answer(
                      exchange,
                      200,
                      new LockView(
                          "lock-1", "user", request.user(), request.message(), "alice", EXPIRES));
                }
                case "DELETE" -> deleted(exchange);
                default ->
                    answer(
                        exchange,
                        200,
                        List.of(
                            new LockView("lock-7", "node", "edge-1", null, "alice", EXPIRES)));
              }
            }));
    server.handle(
        "/api/v1/logout",
        authenticated(
            exchange -> {
              revoked.set(true);
              exchange.sendResponseHeaders(204, -1);
              exchange.close();
            }));
  }

  /** The resource of the last role applied. */
  final AtomicReference<String> lastRoleResource = new AtomicReference<>();

  /** The path of the last DELETE. */
  final AtomicReference<String> deleted = new AtomicReference<>();

  private void deleted(HttpExchange exchange) throws IOException {
    deleted.set(exchange.getRequestURI().getPath());
    exchange.sendResponseHeaders(204, -1);
    exchange.close();
  }

  String address() {
    return server.address();
  }

  String caPin() {
    return CaPin.of(ca.certificate()).toString();
  }

  /** Enrols when the password is right and the new code is {@code 654321}. */
  private void enrollTotp(HttpExchange exchange) throws Exception {
    TotpEnrollmentRequest request =
        WireJson.mapper().readValue(exchange.getRequestBody(), TotpEnrollmentRequest.class);
    if (!"secret".equals(request.password()) || !TOTP_SECRET.equals(request.secret())) {
      answer(exchange, 401, new ErrorResponse("invalid user name, password or one-time code"));
    } else if (!"654321".equals(request.code())) {
      answer(exchange, 400, new ErrorResponse("the one-time code does not match"));
    } else {
      enrolled.set(request);
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    }
  }

  private void login(HttpExchange exchange) throws Exception {
    LoginRequest request =
        WireJson.mapper().readValue(exchange.getRequestBody(), LoginRequest.class);
    if (!"secret".equals(request.password())) {
      answer(exchange, 401, new ErrorResponse("invalid user name or password"));
      return;
    }
    if ("bob".equals(request.user()) && !"123456".equals(request.totp())) {
      answer(
          exchange,
          401,
          new ErrorResponse(request.totp() == null ? "TOTP code required" : "invalid TOTP code"));
      return;
    }
    PublicKey sshKey =
        PublicKeyEntry.parsePublicKeyEntry(request.sshPublicKey())
            .resolvePublicKey(null, null, null);
    String certificate =
        TestCertificates.line(
            TestCertificates.user(userCa, sshKey, request.user(), List.of("root", "ubuntu")));
    answer(
        exchange,
        200,
        new LoginResponse(
            request.user(),
            CLUSTER,
            List.of("access"),
            List.of("root", "ubuntu"),
            TOKEN,
            certificate,
            Pem.encode(TestPki.server(ca, request.user()).certificate()),
            Pem.encode(ca.certificate()),
            List.of(TestCertificates.line(hostCa.getPublic())),
            EXPIRES));
  }

  private interface Handler {
    void handle(HttpExchange exchange) throws Exception;
  }

  private static HttpHandler handler(Handler handler) {
    return exchange -> {
      try {
        handler.handle(exchange);
      } catch (Exception e) {
        answer(exchange, 500, new ErrorResponse(e.toString()));
      }
    };
  }

  private HttpHandler authenticated(Handler handler) {
    return handler(
        exchange -> {
          if (revoked.get()
              || !("Bearer " + TOKEN)
                  .equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, new ErrorResponse("session expired or revoked"));
          } else {
            handler.handle(exchange);
          }
        });
  }

  private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
    TestHttpsServer.answer(exchange, status, WireJson.mapper().writeValueAsBytes(body));
  }

  @Override
  public void close() {
    server.close();
  }
}
