package dev.outpost.domain.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.domain.role.Role;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
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

    assertEquals(OptionalLong.of(0), check.check(user, "correct horse battery", null, NOW));
    assertTrue(check.check(user, "wrong", null, NOW).isEmpty());
  }

  @Test
  void enrolledUsersNeedTheCode() {
    byte[] secret = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    user.changePassword(hasher.hash("correct horse battery"));
    user.enrollTotp(Base32.encode(secret));
    long step = Totp.STANDARD.step(NOW);

    assertTrue(check.check(user, "correct horse battery", null, NOW).isEmpty());
    assertTrue(check.check(user, "correct horse battery", Totp.STANDARD.code(secret, step + 5),
        NOW).isEmpty());
    assertEquals(OptionalLong.of(step), check.check(user, "correct horse battery",
        Totp.STANDARD.code(secret, step), NOW));
  }

  @Test
  void invitedUserWithoutPasswordCannotLogIn() {
    assertTrue(check.check(user, "anything at all", null, NOW).isEmpty());
  }
}
