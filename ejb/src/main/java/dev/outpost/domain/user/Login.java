package dev.outpost.domain.user;

import dev.outpost.domain.shared.OutpostException;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/** An OS login a user may use on nodes, following POSIX user name habits. */
public record Login(String value) {

  private static final Pattern FORMAT = Pattern.compile("[a-z_][a-z0-9_.-]{0,31}");

  public Login {
    if (value == null || !FORMAT.matcher(value).matches()) {
      throw OutpostException.badRequest("login '" + value + "' is invalid: use 1-32 lowercase "
          + "letters, digits, '_', '.' or '-', starting with a letter or '_'");
    }
  }

  /** Validates each login; null means none. */
  public static List<String> validate(Collection<String> logins) {
    if (logins == null) {
      return List.of();
    }
    return logins.stream().map(Login::new).map(Login::value).distinct().sorted().toList();
  }

  @Override
  public String toString() {
    return value;
  }
}
