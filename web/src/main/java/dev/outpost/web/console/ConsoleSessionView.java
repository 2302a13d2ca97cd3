package dev.outpost.web.console;

import dev.outpost.application.console.ConsoleSessions;
import dev.outpost.domain.user.UserIdentity;
import java.time.Instant;
import java.util.List;

/**
 * Who is logged in to the console, and the CSRF token the pages send as {@code X-CSRF-Token}.
 *
 * @param idleTimeoutSeconds how long without activity before the session ends
 */
public record ConsoleSessionView(String user, List<String> roles, List<String> logins,
    String csrfToken, Instant expires, long idleTimeoutSeconds) {

  static ConsoleSessionView of(UserIdentity identity, String csrfToken) {
    return new ConsoleSessionView(identity.user(), identity.roleNames(), identity.logins(),
        csrfToken, identity.expires(), ConsoleSessions.IDLE_TIMEOUT.toSeconds());
  }
}
