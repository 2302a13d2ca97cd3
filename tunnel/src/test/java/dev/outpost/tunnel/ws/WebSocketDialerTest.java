package dev.outpost.tunnel.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.outpost.tunnel.StreamAcceptor;
import dev.outpost.tunnel.TunnelAuthenticator.Verifier;
import dev.outpost.tunnel.TunnelConnection;
import dev.outpost.tunnel.TunnelSettings;
import dev.outpost.tunnel.TunnelStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The dialer against a real (if minimal) WebSocket server on loopback. */
class WebSocketDialerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final StreamAcceptor ECHO =
      target -> stream -> stream.input().transferTo(stream.output());
  private static final Verifier ANY_NODE =
      (nonce, credential) -> new String(credential, StandardCharsets.UTF_8);

  @Test
  void dialsHandshakesAndCarriesStreams() throws Exception {
    try (TestWebSocketServer server = new TestWebSocketServer(101)) {
      acceptTunnels(server, ANY_NODE);
      TunnelConnection tunnel =
          WebSocketDialer.dial(
              server.uri("/api/v1/tunnel/agent"),
              null,
              Map.of("X-Outpost-Node", "node-1"),
              TunnelSettings.defaults(),
              nonce -> "node-1".getBytes(StandardCharsets.UTF_8),
              StreamAcceptor.REFUSE_ALL,
              TIMEOUT);

      assertEquals("node-1", tunnel.authenticatedAs());
      TunnelStream stream = tunnel.open("echo");
      byte[] sent = new byte[300_000];
      Arrays.fill(sent, (byte) 'x');
      CompletableFuture.runAsync(() -> writeAndClose(stream, sent));
      assertArrayEquals(sent, stream.input().readAllBytes());

      Map<String, String> headers = server.requestHeaders.get(10, TimeUnit.SECONDS);
      assertEquals("node-1", headers.get("x-outpost-node"));
      assertFalse(headers.containsKey("origin"), "tunnel endpoints refuse requests with an Origin");
      tunnel.close("done");
    }
  }

  @Test
  void aRefusedCredentialReportsTheProxysReason() throws Exception {
    try (TestWebSocketServer server = new TestWebSocketServer(101)) {
      acceptTunnels(
          server,
          (nonce, credential) -> {
            throw new SecurityException("node-1 is not a member of this cluster");
          });
      IOException refused = assertThrows(IOException.class, () -> dial(server));
      assertEquals(
          "tunnel handshake with "
              + server.uri("/t")
              + " failed: closed by peer: node-1 is not a member of this cluster",
          refused.getMessage());
    }
  }

  @Test
  void aRefusedUpgradeReportsTheHttpStatus() throws Exception {
    try (TestWebSocketServer server = new TestWebSocketServer(403)) {
      IOException refused = assertThrows(IOException.class, () -> dial(server));
      assertEquals(
          "WebSocket upgrade to " + server.uri("/t") + " refused with HTTP 403",
          refused.getMessage());
    }
  }

  @Test
  void aBusyProxysRetryHintTravelsWithTheRefusal() throws Exception {
    try (TestWebSocketServer server = new TestWebSocketServer(503, "Retry-After: 7\r\n")) {
      IOException refused = assertThrows(IOException.class, () -> dial(server));
      assertEquals(
          "WebSocket upgrade to " + server.uri("/t") + " refused with HTTP 503 (retry after 7 s)",
          refused.getMessage());
      UpgradeRefusedException upgrade = assertInstanceOf(UpgradeRefusedException.class, refused);
      assertEquals(503, upgrade.status());
      assertEquals(Optional.of(Duration.ofSeconds(7)),
          UpgradeRefusedException.retryAfterIn(new IOException("wrapped", refused)));
    }
  }

  private static TunnelConnection dial(TestWebSocketServer server) throws IOException {
    return WebSocketDialer.dial(
        server.uri("/t"),
        null,
        Map.of(),
        TunnelSettings.defaults(),
        nonce -> new byte[] {1},
        StreamAcceptor.REFUSE_ALL,
        TIMEOUT);
  }

  private static void acceptTunnels(TestWebSocketServer server, Verifier verifier) {
    server.accepted.thenAccept(
        transport -> TunnelConnection.accept(transport, TunnelSettings.defaults(), verifier, ECHO));
  }

  private static void writeAndClose(TunnelStream stream, byte[] bytes) {
    try {
      stream.output().write(bytes);
      stream.output().close();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
