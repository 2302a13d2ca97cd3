package dev.outpost.application.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.api.UserView;
import dev.outpost.application.login.BearerSessions;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.Outcome;
import dev.outpost.domain.lock.Lock;
import dev.outpost.domain.role.Role;
import dev.outpost.domain.session.WebSession;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.shared.SecretToken;
import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.domain.user.UserName;
import dev.outpost.testing.InMemoryLocks;
import dev.outpost.testing.InMemorySessions;
import dev.outpost.testing.InMemoryUsers;
import dev.outpost.testing.MutableClock;
import dev.outpost.testing.RecordingAudit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserAccountsTest {

  private final MutableClock clock = MutableClock.atSomeFixedTime();
  private final InMemoryUsers users = new InMemoryUsers();
  private final InMemoryLocks locks = new InMemoryLocks();
  private final InMemorySessions sessions = new InMemorySessions();
  private final RecordingAudit audit = new RecordingAudit();
  private final UserAccounts accounts = new UserAccounts(users, locks, audit, clock);
  private final UserIdentity admin =
      new UserIdentity("root-admin", Set.of(Role.ADMIN), List.of(), Instant.MAX);

  @Test
  void listsUsersByNameWithTheirFactors() {
    User bob = add("bob");
    bob.changePassword("hash");
    add("alice");

    List<UserView> listed = accounts.list(admin);

    assertEquals(List.of("alice", "bob"), listed.stream().map(UserView::name).toList());
    assertEquals(List.of("access"), listed.get(1).roles());
    assertTrue(listed.get(1).passwordSet());
    assertFalse(listed.get(0).passwordSet());
    assertFalse(listed.get(0).totp());
  }

  @Test
  void removingAUserEndsTheirSessionsAndLocksThemForTheLongestCertificate() {
    User bob = add("bob");
    sessions.add(new WebSession(bob, SecretToken.hash("bob-token"), clock.instant(),
        clock.instant().plus(Duration.ofHours(8)), null));
    BearerSessions bearer = new BearerSessions(sessions, audit, clock);
    bearer.authenticate("bob-token");

    accounts.remove(admin, "bob");

    assertTrue(users.findByName("bob").isEmpty());
    assertTrue(accounts.list(admin).isEmpty());
    assertThrows(OutpostException.class, () -> bearer.authenticate("bob-token"));
    Lock lock = locks.activeAt(clock.instant()).get(0);
    assertTrue(lock.covers("bob", "any-node"));
    assertEquals(clock.instant().plus(Duration.ofHours(12)), lock.expiresAt());
    assertEquals(AuditEventType.USER_DELETE, audit.last().type());
    assertEquals("root-admin", audit.last().actor());
    assertTrue(users.nameTaken("bob"), "the name stays taken");
  }

  @Test
  void refusesUnknownUsersSelfRemovalAndNonAdmins() {
    add("bob");
    assertEquals(OutpostException.Kind.NOT_FOUND, refused(admin, "carol").kind());
    assertEquals("you cannot remove yourself", refused(admin, "root-admin").getMessage());
    UserIdentity alice = new UserIdentity("alice", Set.of(Role.ACCESS), List.of(), Instant.MAX);
    assertEquals("role admin is required", refused(alice, "bob").getMessage());
    assertEquals(Outcome.FAILURE, audit.last().outcome());
    assertTrue(users.findByName("bob").isPresent());
    assertTrue(locks.activeAt(clock.instant()).isEmpty());
  }

  private OutpostException refused(UserIdentity who, String name) {
    return assertThrows(OutpostException.class, () -> accounts.remove(who, name));
  }

  private User add(String name) {
    User user = new User(new UserName(name), Set.of(Role.ACCESS), List.of(), clock.instant());
    users.add(user);
    return user;
  }
}
