package dev.outpost.application.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.application.login.PasswordAuthentication;
import dev.outpost.application.login.PasswordCheck;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.Outcome;
import dev.outpost.domain.role.Role;
import dev.outpost.domain.role.RoleDirectory;
import dev.outpost.domain.role.StoredRole;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.CredentialCheck;
import dev.outpost.domain.user.FastPasswordHasher;
import dev.outpost.domain.user.PasswordHasher;
import dev.outpost.domain.user.Totp;
import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserName;
import dev.outpost.testing.InMemoryRoles;
import dev.outpost.testing.InMemorySessions;
import dev.outpost.testing.InMemoryUsers;
import dev.outpost.testing.MutableClock;
import dev.outpost.testing.RecordingAudit;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConsoleSessionsTest {

  private static final String PASSWORD = "correct horse battery";

  private final MutableClock clock = MutableClock.atSomeFixedTime();
  private final InMemoryUsers users = new InMemoryUsers();
  private final InMemorySessions sessions = new InMemorySessions();
  private final RecordingAudit audit = new RecordingAudit();
  private final PasswordHasher hasher = FastPasswordHasher.create();
  private final InMemoryRoles roles = InMemoryRoles.withBuiltins();
  private final ConsoleSessions console = new ConsoleSessions(sessions,
      new PasswordCheck(
          new PasswordAuthentication(users, new CredentialCheck(hasher, Totp.STANDARD),
              userId -> users.findForUpdate(userId).orElseThrow().loginFailed(clock.instant()),
              audit),
          new RoleDirectory(roles), false),
      new RoleDirectory(roles), audit, clock, new SecureRandom());

  @BeforeEach
  void createUsers() {
    for (String name : List.of("alice", "bob")) {
      User user = new User(new UserName(name), Set.of(Role.ACCESS), List.of("root"),
          clock.instant());
      user.changePassword(hasher.hash(PASSWORD));
      users.add(user);
    }
  }

  @Test
  void loginOpensSessionWithDerivedCsrfTokenAndIsAuditedAsWebLogin() {
    ConsoleLogin login = console.login(credentials("alice", PASSWORD), "192.0.2.7");

    assertEquals("alice", console.authenticate(login.sessionToken()).user());
    assertEquals(ConsoleSessions.csrfToken(login.sessionToken()), login.csrfToken());
    assertNotEquals(login.sessionToken(), login.csrfToken());
    assertEquals(AuditEventType.WEB_LOGIN, audit.last().type());
    assertEquals(Outcome.SUCCESS, audit.last().outcome());
    assertEquals("alice", console.authorize(login.sessionToken(), login.csrfToken()).user());
  }

  @Test
  void wrongPasswordAndUnknownUserGetTheSameMessage() {
    OutpostException wrong = assertThrows(OutpostException.class,
        () -> console.login(credentials("alice", "nope"), null));
    OutpostException unknown = assertThrows(OutpostException.class,
        () -> console.login(credentials("mallory", PASSWORD), null));

    assertEquals(wrong.getMessage(), unknown.getMessage());
    assertEquals(OutpostException.Kind.UNAUTHENTICATED, wrong.kind());
    assertEquals("wrong password or one-time code, or a code used before",
        audit.records().get(0).message());
    assertEquals(AuditEventType.USER_LOGIN_FAILURE, audit.last().type(), "refused web logins too");
  }

  @Test
  void repeatedFailuresLockTheAccount() {
    for (int i = 0; i < User.MAX_FAILED_LOGINS; i++) {
      assertThrows(OutpostException.class, () -> console.login(credentials("alice", "nope"), null));
    }
    OutpostException locked = assertThrows(OutpostException.class,
        () -> console.login(credentials("alice", PASSWORD), null));
    assertEquals(OutpostException.Kind.LOCKED, locked.kind());
  }

  @Test
  void stateChangingRequestsNeedTheSessionsOwnCsrfToken() {
    ConsoleLogin alice = console.login(credentials("alice", PASSWORD), null);
    ConsoleLogin bob = console.login(credentials("bob", PASSWORD), null);

    for (String csrf : new String[] {null, "", bob.csrfToken(), alice.sessionToken()}) {
      OutpostException refused = assertThrows(OutpostException.class,
          () -> console.authorize(alice.sessionToken(), csrf));
      assertEquals(OutpostException.Kind.FORBIDDEN, refused.kind());
    }
  }

  @Test
  void idleSessionExpiresButActivityKeepsItAlive() {
    ConsoleLogin login = console.login(credentials("alice", PASSWORD), null);
    clock.advance(ConsoleSessions.IDLE_TIMEOUT.minusMinutes(1));
    console.authorize(login.sessionToken(), login.csrfToken());
    clock.advance(ConsoleSessions.IDLE_TIMEOUT.minusMinutes(1));
    console.authenticate(login.sessionToken());

    clock.advance(Duration.ofMinutes(1));
    assertThrows(OutpostException.class, () -> console.authenticate(login.sessionToken()),
        "reading alone is no activity: the session is idle for the whole timeout now");
  }

  @Test
  void aSessionLastsTwelveHoursOrTheShortestMaxSessionTtlOfTheRoles() {
    ConsoleLogin alice = console.login(credentials("alice", PASSWORD), null);
    assertEquals(clock.instant().plus(ConsoleSessions.LIFETIME), alice.identity().expires());

    roles.add(new StoredRole("kind: role\nname: brief\noptions:\n  max_session_ttl: 5m\n",
        clock.instant()));
    roles.add(new StoredRole("kind: role\nname: briefer\noptions:\n  max_session_ttl: 2m\n",
        clock.instant()));
    User carol = new User(new UserName("carol"), Set.of(Role.ACCESS, "brief", "briefer"),
        List.of("root"), clock.instant());
    carol.changePassword(hasher.hash(PASSWORD));
    users.add(carol);
    ConsoleLogin login = console.login(credentials("carol", PASSWORD), null);
    assertEquals(clock.instant().plus(Duration.ofMinutes(2)), login.identity().expires());
    assertTrue(audit.last().message().contains("valid until " + login.identity().expires()),
        audit.last().message());

    clock.advance(Duration.ofMinutes(1));
    console.authorize(login.sessionToken(), login.csrfToken());
    clock.advance(Duration.ofMinutes(1));
    OutpostException expired = assertThrows(OutpostException.class,
        () -> console.authenticate(login.sessionToken()));
    assertEquals(ConsoleSessions.INVALID, expired.getMessage(), "activity does not extend it");
  }

  @Test
  void logoutEndsTheSessionAtOnce() {
    ConsoleLogin login = console.login(credentials("alice", PASSWORD), null);
    console.logout(login.sessionToken(), login.csrfToken());

    OutpostException gone = assertThrows(OutpostException.class,
        () -> console.authenticate(login.sessionToken()));
    assertEquals(ConsoleSessions.INVALID, gone.getMessage());
    assertEquals(AuditEventType.USER_LOGOUT, audit.last().type());
  }

  private static ConsoleCredentials credentials(String user, String password) {
    return ConsoleCredentials.of(user, password, null);
  }
}
