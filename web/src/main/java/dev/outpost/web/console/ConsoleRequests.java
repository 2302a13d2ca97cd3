package dev.outpost.web.console;

import dev.outpost.application.AuthService;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.UserIdentity;

/**
 * How console resources find their caller: reading requests need the session cookie; requests
 * that change something also need the session's CSRF token in {@value #CSRF_HEADER}.
 */
final class ConsoleRequests {

  static final String CSRF_HEADER = "X-CSRF-Token";

  private ConsoleRequests() {}

  static String sessionToken(String cookieHeader) {
    return ConsoleCookie.token(cookieHeader)
        .orElseThrow(() -> OutpostException.unauthenticated("not logged in"));
  }

  static UserIdentity reader(AuthService console, String cookieHeader) {
    return console.consoleReader(sessionToken(cookieHeader));
  }

  static UserIdentity writer(AuthService console, String cookieHeader, String csrfToken) {
    return console.consoleWriter(sessionToken(cookieHeader), csrfToken);
  }
}
