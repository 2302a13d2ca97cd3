package dev.outpost.domain.user;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outpost.domain.role.Role;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CredentialCheckTest {

  private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);

  private final PasswordHasher hasher = new PasswordHasher(new SecureRandom(), 1000);
  private final CredentialCheck check = new CredentialCheck(hasher, Totp.STANDARD);
  private final User user = new User(new UserName("alice"), Set.of(Role.ACCESS), List.of(), NOW);

  @Test
  void passwordAloneWithoutTotp() {
    user.changePassword(hasher.hash("correct horse battery"));

    assertEquals(new CredentialCheck.Outcome(CredentialCheck.Verdict.ACCEPTED, 0),
        check.check(user, "correct horse battery", null, NOW));
    assertEquals(CredentialCheck.Verdict.WRONG, check.check(user, "wrong", null, NOW).verdict());
  }

  @Test
  void enrolledUsersNeedTheCode() {
    byte[] secret = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    user.changePassword(hasher.hash("correct horse battery"));
    long step = Totp.STANDARD.step(NOW);
    user.enrollTotp(TotpSecret.parse(Base32.encode(secret)), step - 1);

    assertEquals(CredentialCheck.Verdict.CODE_MISSING,
        check.check(user, "correct horse battery", null, NOW).verdict());
    assertEquals(CredentialCheck.Verdict.WRONG,
        check.check(user, "wrong", Totp.STANDARD.code(secret, step), NOW).verdict());
    assertEquals(CredentialCheck.Verdict.WRONG, check.check(user, "correct horse battery",
        Totp.STANDARD.code(secret, step + 5), NOW).verdict());
    assertEquals(CredentialCheck.Verdict.WRONG, check.check(user, "correct horse battery",
        Totp.STANDARD.code(secret, step - 1), NOW).verdict(), "the enrolment code is used up");
    assertEquals(new CredentialCheck.Outcome(CredentialCheck.Verdict.ACCEPTED, step),
        check.check(user, "correct horse battery", Totp.STANDARD.code(secret, step), NOW));
  }

  @Test
  void invitedUserWithoutPasswordCannotLogIn() {
    assertEquals(CredentialCheck.Verdict.WRONG,
        check.check(user, "anything at all", null, NOW).verdict());
  }
}
