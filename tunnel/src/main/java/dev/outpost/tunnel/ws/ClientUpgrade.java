package dev.outpost.tunnel.ws;

import dev.outpost.tunnel.admission.RetryAfter;
import dev.outpost.tunnel.http.HttpHead;
import dev.outpost.tunnel.http.HttpHeadException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The client's half of an RFC 6455 opening handshake: the upgrade request it sends and its checks
 * of the server's answer. The server-side twin is {@link WebSocketHandshake}, whose {@link
 * WebSocketHandshake#accept} both sides compute.
 */
final class ClientUpgrade {
  /** Headers the upgrade itself sets, and {@code Origin}, which tunnel endpoints refuse. */
  private static final Set<String> RESERVED = Set.of("host", "upgrade", "connection",
      "sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions",
      "sec-websocket-protocol", "origin");

  private final URI uri;
  private final String key;
  private final HttpHead request;

  /**
   * @param nonce 16 random bytes, the {@code Sec-WebSocket-Key}
   * @param headers the caller's extra headers
   * @throws IllegalArgumentException for a header the upgrade sets itself, or {@code Origin}
   */
  ClientUpgrade(URI uri, byte[] nonce, Map<String, String> headers) {
    this.uri = uri;
    this.key = Base64.getEncoder().encodeToString(nonce);
    List<HttpHead.Header> fields = new ArrayList<>(List.of(
        new HttpHead.Header("Host", uri.getRawAuthority()),
        new HttpHead.Header("Upgrade", "websocket"),
        new HttpHead.Header("Connection", "Upgrade"),
        new HttpHead.Header("Sec-WebSocket-Key", key),
        new HttpHead.Header("Sec-WebSocket-Version", WebSocketHandshake.VERSION)));
    headers.forEach((name, value) -> {
      if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("header " + name + " is not the caller's to set");
      }
      fields.add(new HttpHead.Header(name, value));
    });
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    this.request = new HttpHead("GET " + path + query + " HTTP/1.1", fields);
  }

  HttpHead request() {
    return request;
  }

  /**
   * Checks the server's answer: 101 with the upgrade headers and the {@code Sec-WebSocket-Accept}
   * that proves it read this request, no extension or subprotocol (none was offered).
   *
   * @throws UpgradeRefusedException for any other status, with the {@code Retry-After} hint
   * @throws WebSocketProtocolException for a 101 that breaks RFC 6455
   */
  void check(HttpHead response) throws HttpHeadException, UpgradeRefusedException,
      WebSocketProtocolException {
    int status = response.status();
    if (status != 101) {
      Optional<Duration> retryAfter = response.header(RetryAfter.HEADER).flatMap(RetryAfter::parse);
      throw new UpgradeRefusedException(
          "WebSocket upgrade to " + uri + " refused with HTTP " + status
              + retryAfter.map(wait -> " (retry after " + wait.toSeconds() + " s)").orElse(""),
          status, retryAfter, null);
    }
    if (!response.lists("Upgrade", "websocket")) {
      throw refused("101 without Upgrade: websocket");
    }
    if (!response.lists("Connection", "upgrade")) {
      throw refused("101 without Connection: Upgrade");
    }
    String expected = WebSocketHandshake.accept(key);
    if (!response.header("Sec-WebSocket-Accept").map(expected::equals).orElse(false)) {
      throw refused("Sec-WebSocket-Accept does not answer this request's key");
    }
    if (response.header("Sec-WebSocket-Extensions").isPresent()
        || response.header("Sec-WebSocket-Protocol").isPresent()) {
      throw refused("the server chose an extension or subprotocol that was not offered");
    }
  }

  private WebSocketProtocolException refused(String why) {
    return new WebSocketProtocolException(CloseCodes.PROTOCOL_ERROR,
        "WebSocket upgrade to " + uri + " failed: " + why);
  }
}
