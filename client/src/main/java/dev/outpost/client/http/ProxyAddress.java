package dev.outpost.client.http;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * The proxy's public address as users type it ({@code HOST:PORT}), validated once. The port
 * defaults to 443 when left out; IPv6 literals are written in brackets ({@code [::1]:8443}).
 */
public record ProxyAddress(String host, int port) {

  private static final int DEFAULT_PORT = 443;
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})");
  private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  public ProxyAddress {
    if (host == null
        || !(HOST_NAME.matcher(host).matches() || IPV6_LITERAL.matcher(host).matches())) {
      throw new IllegalArgumentException("invalid proxy host '" + host + "'");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("invalid proxy port " + port);
    }
  }

  /** Parses {@code HOST:PORT}, {@code HOST} or {@code [IPV6]:PORT}. */
  public static ProxyAddress parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("proxy address is empty; expected HOST:PORT");
    }
    String host = text.strip();
    String port = null;
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      if (end < 0) {
        throw new IllegalArgumentException("invalid proxy address '" + text + "': unclosed '['");
      }
      port = end + 1 < host.length() ? afterColon(text, host.substring(end + 1)) : null;
      host = host.substring(1, end);
    } else if (host.indexOf(':') >= 0) {
      int colon = host.lastIndexOf(':');
      port = afterColon(text, host.substring(colon));
      host = host.substring(0, colon);
    }
    try {
      return new ProxyAddress(host, port == null ? DEFAULT_PORT : Integer.parseInt(port));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid proxy port in '" + text + "'");
    }
  }

  /** {@code https://HOST:PORT/path}. */
  public URI https(String path) {
    return uri("https", path);
  }

  /** {@code wss://HOST:PORT/path}, for the tunnel endpoints. */
  public URI wss(String path) {
    return uri("wss", path);
  }

  private URI uri(String scheme, String path) {
    return URI.create(scheme + "://" + authority() + (path.startsWith("/") ? path : "/" + path));
  }

  private String authority() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  private static String afterColon(String text, String rest) {
    if (!rest.startsWith(":") || rest.length() == 1) {
      throw new IllegalArgumentException(
          "invalid proxy address '" + text + "'; expected HOST:PORT");
    }
    return rest.substring(1);
  }

  /** {@code HOST:PORT}, as users type it. */
  @Override
  public String toString() {
    return authority();
  }
}
