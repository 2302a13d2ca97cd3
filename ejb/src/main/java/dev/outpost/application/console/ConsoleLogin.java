package dev.outpost.application.console;

import dev.outpost.domain.user.UserIdentity;

/**
 * A new console session: the cookie's secret, the CSRF token the pages send back with every
 * state-changing request, and who logged in.
 */
public record ConsoleLogin(String sessionToken, String csrfToken, UserIdentity identity) {

  @Override
  public String toString() {
    return "ConsoleLogin[user=" + identity.user() + "]";
  }
}
