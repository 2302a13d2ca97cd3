package dev.outpost.web.console;

import java.util.Optional;

/** Reads one cookie out of a {@code Cookie} request header ({@code a=1; b=2}). */
public final class CookieHeader {
  private CookieHeader() {}

  /** The non-empty value of cookie {@code name}, if the header has one. */
  public static Optional<String> value(String cookieHeader, String name) {
    if (cookieHeader == null) {
      return Optional.empty();
    }
    for (String pair : cookieHeader.split(";")) {
      String trimmed = pair.trim();
      if (trimmed.startsWith(name + "=")) {
        return Optional.of(unquoted(trimmed.substring(name.length() + 1))).filter(v -> !v.isEmpty());
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
