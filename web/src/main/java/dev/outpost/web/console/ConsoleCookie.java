package dev.outpost.web.console;

import java.util.Optional;

/**
 * The console's session cookie. The {@code __Host-} prefix makes browsers insist on Secure, path
 * {@code /} and no Domain; HttpOnly keeps it from scripts; SameSite=Strict keeps other sites'
 * requests (and WebSocket upgrades) from carrying it. No expiry: it dies with the browser, and
 * the server ends the session on logout, after the idle timeout or after 12 hours anyway.
 */
public final class ConsoleCookie {

  public static final String NAME = "__Host-outpost-session";
  private static final String ATTRIBUTES = "; Path=/; Secure; HttpOnly; SameSite=Strict";

  private ConsoleCookie() {}

  /** The {@code Set-Cookie} value that starts a session. */
  public static String set(String token) {
    return NAME + "=" + token + ATTRIBUTES;
  }

  /** The {@code Set-Cookie} value that removes it. */
  public static String clear() {
    return NAME + "=" + ATTRIBUTES + "; Max-Age=0";
  }

  /** The session token in a {@code Cookie} request header, if there is one. */
  public static Optional<String> token(String cookieHeader) {
    return value(cookieHeader, NAME);
  }

  /** The non-empty value of cookie {@code name} in a {@code Cookie} request header. */
  static Optional<String> value(String cookieHeader, String name) {
    if (cookieHeader == null) {
      return Optional.empty();
    }
    for (String pair : cookieHeader.split(";")) {
      String trimmed = pair.trim();
      if (trimmed.startsWith(name + "=")) {
        return Optional.of(unquoted(trimmed.substring(name.length() + 1)))
            .filter(v -> !v.isEmpty());
      }
    }
    return Optional.empty();
  }

  /** RFC 6265 lets a cookie value be wrapped in double quotes; some clients send it so. */
  private static String unquoted(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1) : value;
  }
}
