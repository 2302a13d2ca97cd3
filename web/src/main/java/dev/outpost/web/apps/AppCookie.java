package dev.outpost.web.apps;

import dev.outpost.web.console.CookieHeader;
import java.util.Optional;

/**
 * The app session cookie, set on the app's own subdomain. The {@code __Host-} prefix makes
 * browsers insist on Secure, path {@code /} and no Domain, so it never reaches another app;
 * HttpOnly keeps it from the app's scripts; SameSite=Lax lets links into the app carry it while
 * other sites' forms and scripts cannot. The proxy never passes it on to the app.
 */
final class AppCookie {
  static final String NAME = "__Host-outpost-app";
  private static final String ATTRIBUTES = "; Path=/; Secure; HttpOnly; SameSite=Lax";

  private AppCookie() {}

  static String set(String token) {
    return NAME + "=" + token + ATTRIBUTES;
  }

  /** The token in a {@code Cookie} header, if there is one. */
  static Optional<String> token(String cookieHeader) {
    return CookieHeader.value(cookieHeader, NAME);
  }

  /** The {@code Cookie} header without this cookie, for the app; empty when nothing is left. */
  static Optional<String> withoutOurs(String cookieHeader) {
    if (cookieHeader == null) {
      return Optional.empty();
    }
    StringBuilder kept = new StringBuilder();
    for (String pair : cookieHeader.split(";")) {
      String trimmed = pair.trim();
      if (!trimmed.isEmpty() && !trimmed.startsWith(NAME + "=")) {
        kept.append(kept.length() == 0 ? "" : "; ").append(trimmed);
      }
    }
    return kept.length() == 0 ? Optional.empty() : Optional.of(kept.toString());
  }
}
