package dev.outpost.domain.user;

import java.time.Instant;

/** Checks a user's password and, when enrolled, TOTP code. */
public final class CredentialCheck {

  /** What a check found. */
  public enum Verdict {
    ACCEPTED,
    /** The password or the code is wrong, or the code was used before. */
    WRONG,
    /** The password is right but the user has TOTP and sent no code: ask for one. */
    CODE_MISSING
  }

  /**
   * @param totpStep the TOTP step that was used, 0 without TOTP; meaningful when accepted
   */
  public record Outcome(Verdict verdict, long totpStep) {

    static final Outcome WRONG = new Outcome(Verdict.WRONG, 0);
    static final Outcome CODE_MISSING = new Outcome(Verdict.CODE_MISSING, 0);

    public boolean accepted() {
      return verdict == Verdict.ACCEPTED;
    }
  }

  private final PasswordHasher hasher;
  private final Totp totp;

  public CredentialCheck(PasswordHasher hasher, Totp totp) {
    this.hasher = hasher;
    this.totp = totp;
  }

  public Outcome check(User user, String password, String code, Instant now) {
    boolean passwordMatches = user.passwordHash()
        .map(hash -> hasher.verify(password, hash))
        .orElseGet(() -> {
          hasher.burn(password);
          return false;
        });
    if (!passwordMatches) {
      return Outcome.WRONG;
    }
    if (user.totpSecret().isEmpty()) {
      return new Outcome(Verdict.ACCEPTED, 0);
    }
    if (code == null || code.isBlank()) {
      return Outcome.CODE_MISSING;
    }
    return totp.verify(Base32.decode(user.totpSecret().get()), code.strip(), now,
            user.totpLastStep())
        .stream()
        .mapToObj(step -> new Outcome(Verdict.ACCEPTED, step))
        .findFirst()
        .orElse(Outcome.WRONG);
  }

  /** Takes as long as a check, for names that match no user. */
  public void checkNobody(String password) {
    hasher.burn(password);
  }
}
