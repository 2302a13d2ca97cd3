package dev.outpost.tunnel.ws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The server's checks of an RFC 6455 opening handshake and its {@code Sec-WebSocket-Accept}
 * answer, free of any HTTP server: the caller hands over the request's headers and answers with
 * 101 and {@link #accept} or with the status of the refusal.
 */
public final class WebSocketHandshake {
  /** The only protocol version of RFC 6455, which a refusal names in {@code Sec-WebSocket-Version}. */
  public static final String VERSION = "13";

  private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final int KEY_BYTES = 16;

  private WebSocketHandshake() {}

  /** Why a request is no WebSocket opening handshake this server takes, and the status to say so. */
  public record Refusal(int status, String reason) {}

  /**
   * Checks the request's method and headers; empty if it is a valid version-13 handshake.
   * Subprotocols and extensions a client offers are simply not taken (RFC 6455, 4.2.2), so neither
   * refuses a request.
   */
  public static Optional<Refusal> check(
      String method, String upgrade, String connection, String version, String key) {
    if (!"GET".equals(method)) {
      return refuse(405, "a WebSocket opening handshake is a GET");
    }
    if (upgrade == null || !"websocket".equals(upgrade.trim().toLowerCase(Locale.ROOT))) {
      return refuse(400, "not a WebSocket upgrade (Upgrade: websocket missing)");
    }
    if (connection == null || !hasToken(connection, "upgrade")) {
      return refuse(400, "not a WebSocket upgrade (Connection: Upgrade missing)");
    }
    if (!VERSION.equals(version == null ? null : version.trim())) {
      return refuse(426, "unsupported Sec-WebSocket-Version " + version + ": only " + VERSION);
    }
    if (!isValidKey(key)) {
      return refuse(400, "Sec-WebSocket-Key is not 16 bytes in base64");
    }
    return Optional.empty();
  }

  /** The {@code Sec-WebSocket-Accept} answer to {@code key}: base64 of SHA-1 over key and GUID. */
  public static String accept(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1")
          .digest((key.trim() + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1", e);
    }
  }

  private static boolean isValidKey(String key) {
    if (key == null) {
      return false;
    }
    try {
      return Base64.getDecoder().decode(key.trim()).length == KEY_BYTES;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean hasToken(String header, String token) {
    for (String part : header.split(",")) {
      if (part.trim().equalsIgnoreCase(token)) {
        return true;
      }
    }
    return false;
  }

  private static Optional<Refusal> refuse(int status, String reason) {
    return Optional.of(new Refusal(status, reason));
  }
}
