package dev.outpost.domain.user;

import java.security.SecureRandom;

/** A password hasher with a tiny work factor, so that login tests run in milliseconds. */
public final class FastPasswordHasher {

  private FastPasswordHasher() {}

  public static PasswordHasher create() {
    return new PasswordHasher(new SecureRandom(), 1000);
  }
}
