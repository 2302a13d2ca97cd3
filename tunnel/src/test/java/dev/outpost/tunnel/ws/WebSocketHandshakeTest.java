package dev.outpost.tunnel.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebSocketHandshakeTest {
  private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

  @Test
  void answersTheKeyOfRfc6455sExample() {
    assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WebSocketHandshake.accept(KEY));
  }

  @Test
  void acceptsAVersion13UpgradeAsTheJdkClientSendsIt() {
    assertTrue(WebSocketHandshake.check("GET", "websocket", "Upgrade", "13", KEY).isEmpty());
    assertTrue(WebSocketHandshake.check("GET", "WebSocket", "keep-alive, Upgrade", "13", KEY).isEmpty());
  }

  @Test
  void refusesWhatIsNoVersion13Handshake() {
    assertRefused(405, "GET", WebSocketHandshake.check("POST", "websocket", "Upgrade", "13", KEY));
    assertRefused(400, "Upgrade: websocket", WebSocketHandshake.check("GET", null, "Upgrade", "13", KEY));
    assertRefused(400, "Upgrade: websocket", WebSocketHandshake.check("GET", "h2c", "Upgrade", "13", KEY));
    assertRefused(400, "Connection: Upgrade", WebSocketHandshake.check("GET", "websocket", "keep-alive", "13", KEY));
    assertRefused(426, "Sec-WebSocket-Version 8", WebSocketHandshake.check("GET", "websocket", "Upgrade", "8", KEY));
    assertRefused(426, "Sec-WebSocket-Version null", WebSocketHandshake.check("GET", "websocket", "Upgrade", null, KEY));
    assertRefused(400, "Sec-WebSocket-Key", WebSocketHandshake.check("GET", "websocket", "Upgrade", "13", null));
    assertRefused(400, "Sec-WebSocket-Key", WebSocketHandshake.check("GET", "websocket", "Upgrade", "13", "not base64!"));
    assertRefused(400, "Sec-WebSocket-Key", WebSocketHandshake.check("GET", "websocket", "Upgrade", "13", "AAAA"));
  }

  private static void assertRefused(int status, String reasonPart, Optional<WebSocketHandshake.Refusal> refusal) {
    assertTrue(refusal.isPresent(), "refused");
    assertEquals(status, refusal.get().status());
    assertTrue(refusal.get().reason().contains(reasonPart), refusal.get().reason());
  }
}
