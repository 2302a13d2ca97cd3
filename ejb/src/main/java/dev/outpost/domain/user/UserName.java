package dev.outpost.domain.user;

import dev.outpost.domain.shared.OutpostException;
import java.util.regex.Pattern;

/** A valid user name: lowercase letters, digits and {@code . _ @ -}, at most 64 characters. */
public record UserName(String value) {

  private static final Pattern FORMAT = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,63}");

  public UserName {
    if (value == null || !FORMAT.matcher(value).matches()) {
      throw OutpostException.badRequest("user name '" + value + "' is invalid: use 1-64 "
          + "lowercase letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
