package dev.outpost.domain.user;

import dev.outpost.domain.shared.OutpostException;

/** A password a user chooses: at least 12 characters. */
public record NewPassword(String value) {

  public static final int MIN_LENGTH = 12;
  private static final int MAX_LENGTH = 1024;

  public NewPassword {
    if (value == null || value.codePointCount(0, value.length()) < MIN_LENGTH) {
      throw OutpostException.badRequest(
          "password is too short: use at least " + MIN_LENGTH + " characters");
    }
    if (value.length() > MAX_LENGTH) {
      throw OutpostException.badRequest("password is too long");
    }
  }

  @Override
  public String toString() {
    return "NewPassword[***]";
  }
}
