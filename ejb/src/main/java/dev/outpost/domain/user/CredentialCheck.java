package dev.outpost.domain.user;

import java.time.Instant;
import java.util.OptionalLong;

/** Checks a user's password and, when enrolled, TOTP code. */
public final class CredentialCheck {

  private final PasswordHasher hasher;
  private final Totp totp;

  public CredentialCheck(PasswordHasher hasher, Totp totp) {
    this.hasher = hasher;
    this.totp = totp;
  }

  /**
   * @return the TOTP step that was used (0 without TOTP) when both match; empty otherwise
   */
  public OptionalLong check(User user, String password, String code, Instant now) {
    boolean passwordMatches = user.passwordHash()
        .map(hash -> hasher.verify(password, hash))
        .orElseGet(() -> {
          hasher.burn(password);
          return false;
        });
    if (!passwordMatches) {
      return OptionalLong.empty();
    }
    return user.totpSecret()
        .map(secret -> totp.verify(Base32.decode(secret), code, now, user.totpLastStep()))
        .orElse(OptionalLong.of(0));
  }

  /** Takes as long as a check, for names that match no user. */
  public void checkNobody(String password) {
    hasher.burn(password);
  }
}
