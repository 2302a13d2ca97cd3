package dev.outpost.web.apps;

import dev.outpost.tunnel.http.HttpHead;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What crosses the app proxy in the headers, each way. Towards the app: nothing that could choose
 * another host or forge where the request came from ({@code Host}, {@code Forwarded}, {@code
 * X-Forwarded-*}, {@code X-Real-IP} from the client are dropped; the proxy sets its own), no
 * hop-by-hop fields, and never the proxy's own cookie or identity header. Back to the browser:
 * redirects to the upstream's own address point at the app's public origin, and cookies lose their
 * {@code Domain} so they stay on the app's subdomain.
 */
final class UpstreamHeaders {
  static final String IDENTITY_HEADER = "Outpost-Jwt-Assertion";

  /** Client headers never forwarded; lowercase. */
  static final Set<String> DROPPED_REQUEST = Set.of("host", "connection", "keep-alive",
      "proxy-connection", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade",
      "expect", "content-length", "cookie", "forwarded", "x-forwarded-for", "x-forwarded-host",
      "x-forwarded-proto", "x-forwarded-port", "x-forwarded-prefix", "x-forwarded-server",
      "x-real-ip", "outpost-jwt-assertion");

  /** Upstream headers never returned as they are; lowercase. */
  static final Set<String> DROPPED_RESPONSE = Set.of("connection", "keep-alive",
      "proxy-connection", "proxy-authenticate", "te", "trailer", "transfer-encoding", "upgrade",
      "content-length");

  private UpstreamHeaders() {}

  static boolean forwardsRequestHeader(String name) {
    return !DROPPED_REQUEST.contains(name.toLowerCase(Locale.ROOT));
  }

  static boolean returnsResponseHeader(String name) {
    return !DROPPED_RESPONSE.contains(name.toLowerCase(Locale.ROOT));
  }

  /**
   * A {@code Location} value as the browser should see it: an absolute URL on the upstream's own
   * authority moves to {@code publicOrigin}; relative ones and other hosts stay as they are (the
   * browser, not the proxy, follows them).
   */
  static String location(String value, URI upstream, String publicOrigin) {
    URI target;
    try {
      target = new URI(value);
    } catch (URISyntaxException e) {
      return value;
    }
    if (!target.isAbsolute() || target.getRawAuthority() == null
        || !target.getRawAuthority().equalsIgnoreCase(upstream.getRawAuthority())) {
      return value;
    }
    String rest = value.substring(value.indexOf(target.getRawAuthority())
        + target.getRawAuthority().length());
    return publicOrigin + (rest.isEmpty() ? "/" : rest);
  }

  /**
   * A {@code Set-Cookie} value as the browser should see it: without {@code Domain}, so it is
   * host-only on the app's subdomain; empty for a cookie named like the proxy's own, which an app
   * may not overwrite.
   */
  static Optional<String> setCookie(String value) {
    String[] parts = value.split(";");
    if (parts[0].trim().startsWith(AppCookie.NAME + "=")) {
      return Optional.empty();
    }
    StringBuilder kept = new StringBuilder(parts[0].trim());
    for (int i = 1; i < parts.length; i++) {
      String attribute = parts[i].trim();
      if (!attribute.toLowerCase(Locale.ROOT).startsWith("domain")) {
        kept.append("; ").append(attribute);
      }
    }
    return Optional.of(kept.toString());
  }

  /** Whether the request asks for a WebSocket (the only upgrade the proxy passes on). */
  static boolean isWebSocketUpgrade(HttpHead request) {
    return request.lists("Connection", "upgrade")
        && request.header("Upgrade").filter(u -> u.equalsIgnoreCase("websocket")).isPresent();
  }
}
