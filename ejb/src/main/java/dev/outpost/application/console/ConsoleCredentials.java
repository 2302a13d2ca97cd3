package dev.outpost.application.console;

import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.UserName;

/**
 * What the console's login form sends, checked once: a valid user name, a password and, for users
 * enrolled in TOTP, the current code.
 */
public record ConsoleCredentials(UserName user, String password, String totp) {

  private static final int MAX_PASSWORD = 1024;
  private static final int MAX_TOTP = 16;

  public ConsoleCredentials {
    if (password == null || password.isEmpty()) {
      throw OutpostException.badRequest("user and password are required");
    }
    if (password.length() > MAX_PASSWORD || (totp != null && totp.length() > MAX_TOTP)) {
      throw OutpostException.badRequest("password or one-time code is too long");
    }
    totp = totp == null || totp.isBlank() ? null : totp.trim();
  }

  /** @throws OutpostException BAD_REQUEST for a missing or malformed field */
  public static ConsoleCredentials of(String user, String password, String totp) {
    if (user == null || user.isBlank()) {
      throw OutpostException.badRequest("user and password are required");
    }
    return new ConsoleCredentials(new UserName(user.trim()), password, totp);
  }

  @Override
  public String toString() {
    return "ConsoleCredentials[user=" + user + "]";
  }
}
