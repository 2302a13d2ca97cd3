package dev.outpost.application.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.api.TotpEnrollmentRequest;
import dev.outpost.api.TotpSecretOffer;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.Outcome;
import dev.outpost.domain.role.Role;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.Base32;
import dev.outpost.domain.user.CredentialCheck;
import dev.outpost.domain.user.FastPasswordHasher;
import dev.outpost.domain.user.PasswordHasher;
import dev.outpost.domain.user.Totp;
import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserName;
import dev.outpost.testing.InMemoryUsers;
import dev.outpost.testing.MutableClock;
import dev.outpost.testing.RecordingAudit;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TotpEnrollmentTest {

  private static final String PASSWORD = "correct horse battery";

  private final MutableClock clock = MutableClock.atSomeFixedTime();
  private final InMemoryUsers users = new InMemoryUsers();
  private final RecordingAudit audit = new RecordingAudit();
  private final PasswordHasher hasher = FastPasswordHasher.create();
  private final TotpEnrollment enrollment = new TotpEnrollment(
      new PasswordAuthentication(users, new CredentialCheck(hasher, Totp.STANDARD),
          userId -> users.findForUpdate(userId).orElseThrow().loginFailed(clock.instant()), audit),
      Totp.STANDARD, "edge.example", audit, clock, new SecureRandom());

  @BeforeEach
  void createAlice() {
    User alice = new User(new UserName("alice"), Set.of(Role.ACCESS), List.of(), clock.instant());
    alice.changePassword(hasher.hash(PASSWORD));
    users.add(alice);
  }

  @Test
  void offersA160BitSecretAsAnOtpauthUri() {
    TotpSecretOffer offer = enrollment.offer("alice");

    assertEquals(20, Base32.decode(offer.secret()).length);
    assertEquals("otpauth://totp/edge.example:alice?secret=" + offer.secret()
        + "&issuer=edge.example&algorithm=SHA1&digits=6&period=30", offer.otpauthUri());
    assertTrue(users.findByName("alice").orElseThrow().totpSecret().isEmpty(), "nothing stored");
  }

  @Test
  void enrolsWithPasswordAndACodeOfTheNewSecret() {
    String secret = enrollment.offer("alice").secret();

    enrollment.enroll(request(null, secret, currentCode(secret)), "192.0.2.7");

    assertEquals(secret, users.findByName("alice").orElseThrow().totpSecret().orElseThrow());
    assertEquals(AuditEventType.MFA_ENROLL, audit.last().type());
    assertEquals("TOTP enrolled", audit.last().message());
  }

  @Test
  void aWrongCodeOfTheNewSecretEnrolsNothing() {
    String secret = enrollment.offer("alice").secret();
    String otherCode = currentCode(enrollment.offer("alice").secret());

    OutpostException error = assertThrows(OutpostException.class,
        () -> enrollment.enroll(request(null, secret, otherCode), null));

    assertEquals(OutpostException.Kind.BAD_REQUEST, error.kind());
    assertTrue(error.getMessage().startsWith("the one-time code does not match"), error.getMessage());
    assertTrue(users.findByName("alice").orElseThrow().totpSecret().isEmpty());
    assertEquals(Outcome.FAILURE, audit.last().outcome());
  }

  @Test
  void aWrongPasswordEnrolsNothingAndCounts() {
    String secret = enrollment.offer("alice").secret();
    TotpEnrollmentRequest request = new TotpEnrollmentRequest("alice", "not the password", null,
        secret, currentCode(secret));

    assertEquals(OutpostException.Kind.UNAUTHENTICATED,
        assertThrows(OutpostException.class, () -> enrollment.enroll(request, null)).kind());
    assertEquals(1, users.findByName("alice").orElseThrow().failedLogins());
    assertTrue(users.findByName("alice").orElseThrow().totpSecret().isEmpty());
  }

  @Test
  void replacingASecretNeedsTheCurrentCode() {
    String first = enrollment.offer("alice").secret();
    enrollment.enroll(request(null, first, currentCode(first)), null);
    clock.advance(Duration.ofSeconds(30));
    String second = enrollment.offer("alice").secret();

    OutpostException missing = assertThrows(OutpostException.class,
        () -> enrollment.enroll(request(null, second, currentCode(second)), null));
    assertEquals(PasswordAuthentication.CODE_MISSING, missing.getMessage());

    enrollment.enroll(request(currentCode(first), second, currentCode(second)), null);
    assertEquals(second, users.findByName("alice").orElseThrow().totpSecret().orElseThrow());
    assertEquals("TOTP secret replaced", audit.last().message());
  }

  @Test
  void shortOrMalformedSecretsAreRefused() {
    for (String secret : List.of("", "not base32!", Base32.encode(new byte[10]))) {
      assertEquals(OutpostException.Kind.BAD_REQUEST, assertThrows(OutpostException.class,
          () -> enrollment.enroll(request(null, secret, "123456"), null)).kind(), secret);
    }
  }

  private TotpEnrollmentRequest request(String currentCode, String secret, String code) {
    return new TotpEnrollmentRequest("alice", PASSWORD, currentCode, secret, code);
  }

  private String currentCode(String secret) {
    return Totp.STANDARD.code(Base32.decode(secret), Totp.STANDARD.step(clock.instant()));
  }
}
