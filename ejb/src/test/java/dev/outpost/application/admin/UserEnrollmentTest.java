package dev.outpost.application.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.api.InviteAcceptance;
import dev.outpost.api.UserCreated;
import dev.outpost.api.UserRequest;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.role.Role;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.Base32;
import dev.outpost.domain.user.FastPasswordHasher;
import dev.outpost.domain.user.PasswordHasher;
import dev.outpost.domain.user.Totp;
import dev.outpost.domain.user.TotpSecret;
import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.testing.InMemoryInvites;
import dev.outpost.testing.InMemoryRoles;
import dev.outpost.testing.InMemoryUsers;
import dev.outpost.testing.MutableClock;
import dev.outpost.testing.RecordingAudit;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserEnrollmentTest {

  private final MutableClock clock = MutableClock.atSomeFixedTime();
  private final InMemoryUsers users = new InMemoryUsers();
  private final RecordingAudit audit = new RecordingAudit();
  private final PasswordHasher hasher = FastPasswordHasher.create();
  private final UserEnrollment enrollment = new UserEnrollment(users,
      InMemoryRoles.withBuiltins(), new InMemoryInvites(),
      hasher, "proxy.example:443", audit, clock, new SecureRandom());
  private final UserIdentity admin =
      new UserIdentity("admin", Set.of(Role.ADMIN), List.of(), Instant.MAX);

  @Test
  void createsAUserWithAnInvite() {
    UserCreated created = enrollment.create(admin,
        new UserRequest("alice", List.of("access"), List.of("ubuntu", "root")));

    assertEquals("alice", created.name());
    assertEquals(List.of("access"), created.roles());
    assertEquals(List.of("root", "ubuntu"), created.logins());
    assertEquals("https://proxy.example:443/invite/" + created.inviteCode(), created.inviteUrl());
    assertEquals(clock.instant().plus(Duration.ofHours(24)), created.expires());
    assertTrue(users.findByName("alice").orElseThrow().passwordHash().isEmpty());
    assertEquals(AuditEventType.USER_CREATE, audit.last().type());
  }

  @Test
  void theInviteCanEnrolTotpWithACodeOfTheSecret() {
    UserCreated created = enrollment.create(admin,
        new UserRequest("alice", List.of("access"), List.of()));
    TotpSecret secret = TotpSecret.generate(new SecureRandom());
    String code = Totp.STANDARD.code(Base32.decode(secret.base32()),
        Totp.STANDARD.step(clock.instant()));

    assertEquals(OutpostException.Kind.BAD_REQUEST, assertThrows(OutpostException.class,
        () -> enrollment.acceptInvite(created.inviteCode(),
            new InviteAcceptance("a long passphrase", secret.base32(), "000000"))).kind());
    enrollment.acceptInvite(created.inviteCode(),
        new InviteAcceptance("a long passphrase", secret.base32(), code));

    User alice = users.findByName("alice").orElseThrow();
    assertEquals(secret.base32(), alice.totpSecret().orElseThrow());
    assertEquals(Totp.STANDARD.step(clock.instant()), alice.totpLastStep(), "the code is used up");
    assertEquals("password set and TOTP enrolled", audit.last().message());
  }

  @Test
  void theNameOfARemovedUserIsNotReused() {
    enrollment.create(admin, new UserRequest("alice", List.of("access"), List.of()));
    users.findByName("alice").orElseThrow().delete(clock.instant());

    OutpostException error = assertThrows(OutpostException.class, () -> enrollment.create(admin,
        new UserRequest("alice", List.of("access"), List.of())));

    assertEquals(OutpostException.Kind.CONFLICT, error.kind());
    assertTrue(error.getMessage().startsWith("user alice was removed"), error.getMessage());
  }

  @Test
  void acceptingTheInviteSetsThePasswordOnce() {
    UserCreated created = enrollment.create(admin,
        new UserRequest("alice", List.of("access"), List.of()));

    enrollment.acceptInvite(created.inviteCode(), new InviteAcceptance("a long passphrase", null, null));

    User alice = users.findByName("alice").orElseThrow();
    assertTrue(hasher.verify("a long passphrase", alice.passwordHash().orElseThrow()));
    assertEquals(AuditEventType.INVITE_ACCEPT, audit.last().type());
    assertEquals(OutpostException.Kind.NOT_FOUND, assertThrows(OutpostException.class,
        () -> enrollment.acceptInvite(created.inviteCode(),
            new InviteAcceptance("another passphrase", null, null))).kind());
  }

  @Test
  void invitesExpireAfterADay() {
    UserCreated created = enrollment.create(admin,
        new UserRequest("alice", List.of("access"), List.of()));
    clock.advance(Duration.ofHours(24));

    assertThrows(OutpostException.class, () -> enrollment.acceptInvite(created.inviteCode(),
        new InviteAcceptance("a long passphrase", null, null)));
  }

  @Test
  void refusesShortPasswordsDuplicatesAndNonAdmins() {
    UserCreated created = enrollment.create(admin,
        new UserRequest("alice", List.of("access"), List.of()));

    assertEquals(OutpostException.Kind.BAD_REQUEST, assertThrows(OutpostException.class,
        () -> enrollment.acceptInvite(created.inviteCode(), new InviteAcceptance("short", null, null))).kind());
    assertEquals(OutpostException.Kind.CONFLICT, assertThrows(OutpostException.class,
        () -> enrollment.create(admin, new UserRequest("alice", List.of("access"), null))).kind());
    assertEquals(OutpostException.Kind.BAD_REQUEST, assertThrows(OutpostException.class,
        () -> enrollment.create(admin, new UserRequest("bob", List.of(), null))).kind());
    assertEquals("no such role: edge-ops (create it with 'outpost admin roles create -f FILE')",
        assertThrows(OutpostException.class, () -> enrollment.create(admin,
            new UserRequest("bob", List.of("access", "edge-ops"), null))).getMessage());
    UserIdentity alice = new UserIdentity("alice", Set.of(Role.ACCESS), List.of(), Instant.MAX);
    assertEquals(OutpostException.Kind.FORBIDDEN, assertThrows(OutpostException.class,
        () -> enrollment.create(alice, new UserRequest("carol", List.of("access"), null))).kind());
  }
}
