package dev.outpost.application.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.application.console.ConsoleCredentials;
import dev.outpost.application.console.ConsoleLogin;
import dev.outpost.application.console.ConsoleSessions;
import dev.outpost.application.login.PasswordAuthentication;
import dev.outpost.application.login.PasswordCheck;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.Outcome;
import dev.outpost.domain.lock.Lock;
import dev.outpost.domain.lock.LockTarget;
import dev.outpost.domain.role.RoleDirectory;
import dev.outpost.domain.role.StoredRole;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.CredentialCheck;
import dev.outpost.domain.user.FastPasswordHasher;
import dev.outpost.domain.user.PasswordHasher;
import dev.outpost.domain.user.Totp;
import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserName;
import dev.outpost.testing.InMemoryAppSessions;
import dev.outpost.testing.InMemoryLocks;
import dev.outpost.testing.InMemoryRoles;
import dev.outpost.testing.InMemorySessions;
import dev.outpost.testing.InMemoryUsers;
import dev.outpost.testing.MutableClock;
import dev.outpost.testing.RecordingAudit;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Launches, app cookies and what ends them, on in-memory repositories and a hand-moved clock. */
class AppSessionsTest {
  private static final String PASSWORD = "correct horse battery";
  private static final PublishedApp GRAFANA = new PublishedApp("grafana", "n1", Map.of("team", "ops"));
  private static final PublishedApp PLC = new PublishedApp("plc", "n1", Map.of("team", "plant"));

  private final MutableClock clock = MutableClock.atSomeFixedTime();
  private final InMemoryUsers users = new InMemoryUsers();
  private final InMemoryRoles roles = InMemoryRoles.withBuiltins();
  private final RecordingAudit audit = new RecordingAudit();
  private final PasswordHasher hasher = FastPasswordHasher.create();
  private final ConsoleSessions console = new ConsoleSessions(new InMemorySessions(),
      new PasswordCheck(
          new PasswordAuthentication(users, new CredentialCheck(hasher, Totp.STANDARD), userId -> { }, audit),
          new RoleDirectory(roles), false),
      new RoleDirectory(roles), audit, clock, new SecureRandom());
  private final InMemoryLocks locks = new InMemoryLocks();
  private final AppSessions apps = new AppSessions(console::authorizedSession,
      new InMemoryAppSessions(), new RoleDirectory(roles), locks, audit, clock,
      new SecureRandom());

  @BeforeEach
  void createUsers() {
    roles.add(new StoredRole("kind: role\nname: ops-apps\nallow:\n  app_labels: {team: ops}\n",
        clock.instant()));
    user("alice", "ops-apps");
    user("bob", "access");
  }

  private void user(String name, String role) {
    User user = new User(new UserName(name), Set.of(role), List.of("root"), clock.instant());
    user.changePassword(hasher.hash(PASSWORD));
    users.add(user);
  }

  private ConsoleLogin login(String name) {
    return console.login(ConsoleCredentials.of(name, PASSWORD, null), "192.0.2.7");
  }

  private String cookie(ConsoleLogin login, PublishedApp app) {
    String code = apps.launch(login.sessionToken(), login.csrfToken(), app, "192.0.2.7").token();
    return apps.redeem(code, app, "192.0.2.7").token();
  }

  @Test
  void aLaunchCodeBecomesTheAppCookieOnceAndIsAudited() {
    ConsoleLogin alice = login("alice");
    String code = apps.launch(alice.sessionToken(), alice.csrfToken(), GRAFANA, null).token();
    AppGrant grant = apps.redeem(code, GRAFANA, "192.0.2.7");

    assertEquals("alice", apps.authenticate(grant.token(), GRAFANA).identity().user());
    assertEquals(AuditEventType.APP_SESSION_START, audit.last().type());
    assertEquals("grafana", audit.last().target());
    assertEquals(grant.caller().session(), audit.last().sessionId());
    assertThrows(OutpostException.class, () -> apps.redeem(code, GRAFANA, null), "used twice");
  }

  @Test
  void launchCodesExpireAfterAMinuteAndOpenOnlyTheirApp() {
    ConsoleLogin alice = login("alice");
    String forPlc = apps.launch(alice.sessionToken(), alice.csrfToken(), GRAFANA, null).token();
    assertThrows(OutpostException.class, () -> apps.redeem(forPlc, PLC, null));
    String late = apps.launch(alice.sessionToken(), alice.csrfToken(), GRAFANA, null).token();
    clock.advance(AppSessions.CODE_TTL);
    assertThrows(OutpostException.class, () -> apps.redeem(late, GRAFANA, null));
  }

  @Test
  void rolesWithoutMatchingAppLabelsAreRefusedAndAudited() {
    ConsoleLogin bob = login("bob");
    OutpostException refused = assertThrows(OutpostException.class,
        () -> apps.launch(bob.sessionToken(), bob.csrfToken(), GRAFANA, null));
    assertEquals(OutpostException.Kind.FORBIDDEN, refused.kind());
    assertEquals(AuditEventType.ACCESS_DENIED, audit.last().type());
    assertEquals(Outcome.FAILURE, audit.last().outcome());
    ConsoleLogin alice = login("alice");
    assertThrows(OutpostException.class,
        () -> apps.launch(alice.sessionToken(), alice.csrfToken(), PLC, null));
    assertThrows(OutpostException.class,
        () -> apps.launch(alice.sessionToken(), "wrong csrf", GRAFANA, null));
  }

  @Test
  void theCookieOpensOnlyItsAppAndDiesWithTheConsoleSession() {
    ConsoleLogin alice = login("alice");
    String cookie = cookie(alice, GRAFANA);
    PublishedApp otherGrafanaNamed = new PublishedApp("grafana2", "n1", Map.of("team", "ops"));
    assertThrows(OutpostException.class, () -> apps.authenticate(cookie, otherGrafanaNamed));
    assertThrows(OutpostException.class, () -> apps.authenticate("forged", GRAFANA));

    console.logout(alice.sessionToken(), alice.csrfToken());
    OutpostException dead = assertThrows(OutpostException.class,
        () -> apps.authenticate(cookie, GRAFANA));
    assertEquals(OutpostException.Kind.UNAUTHENTICATED, dead.kind());

    ConsoleLogin again = login("alice");
    String idle = cookie(again, GRAFANA);
    clock.advance(ConsoleSessions.IDLE_TIMEOUT);
    assertThrows(OutpostException.class, () -> apps.authenticate(idle, GRAFANA));
  }

  @Test
  void workingInTheAppKeepsTheConsoleSessionFromIdling() {
    ConsoleLogin alice = login("alice");
    String cookie = cookie(alice, GRAFANA);
    for (int i = 0; i < 3; i++) {
      clock.advance(ConsoleSessions.IDLE_TIMEOUT.minusMinutes(5));
      apps.authenticate(cookie, GRAFANA);
    }
    console.authenticate(alice.sessionToken());

    clock.advance(ConsoleSessions.IDLE_TIMEOUT);
    assertThrows(OutpostException.class, () -> apps.authenticate(cookie, GRAFANA));
  }

  @Test
  void theCookieExpiresWithTheConsoleSessionAtTheRolesMaxSessionTtl() {
    roles.add(new StoredRole("kind: role\nname: brief-apps\nallow:\n  app_labels: {team: ops}\n"
        + "options:\n  max_session_ttl: 1m\n", clock.instant()));
    user("carol", "brief-apps");
    ConsoleLogin carol = login("carol");
    String cookie = cookie(carol, GRAFANA);
    assertEquals(clock.instant().plus(Duration.ofMinutes(1)),
        apps.authenticate(cookie, GRAFANA).identity().expires());

    clock.advance(Duration.ofSeconds(59));
    apps.authenticate(cookie, GRAFANA);
    clock.advance(Duration.ofSeconds(1));
    OutpostException expired = assertThrows(OutpostException.class,
        () -> apps.authenticate(cookie, GRAFANA));
    assertEquals(OutpostException.Kind.UNAUTHENTICATED, expired.kind());
  }

  @Test
  void aLockOfTheUserOrTheNodeRefusesTheNextRequestAndNewLaunches() {
    ConsoleLogin alice = login("alice");
    String cookie = cookie(alice, GRAFANA);
    locks.add(new Lock(LockTarget.USER, "alice", "incident 42", "admin", clock.instant(),
        Duration.ofHours(1)));
    OutpostException refused = assertThrows(OutpostException.class,
        () -> apps.authenticate(cookie, GRAFANA));
    assertEquals(OutpostException.Kind.FORBIDDEN, refused.kind());
    assertTrue(refused.getMessage().contains("user alice is locked"), refused.getMessage());
    assertThrows(OutpostException.class,
        () -> apps.launch(alice.sessionToken(), alice.csrfToken(), GRAFANA, null));

    clock.advance(Duration.ofHours(2));
    ConsoleLogin later = login("alice");
    String fresh = cookie(later, GRAFANA);
    assertEquals("alice", apps.authenticate(fresh, GRAFANA).identity().user(),
        "the lock has expired");
    locks.add(new Lock(LockTarget.NODE, GRAFANA.node(), null, "admin", clock.instant(),
        Duration.ofHours(1)));
    assertEquals(OutpostException.Kind.FORBIDDEN, assertThrows(OutpostException.class,
        () -> apps.authenticate(fresh, GRAFANA)).kind(), "a locked node's apps are closed too");
  }

  @Test
  void aRoleTakenAwayRefusesTheNextRequest() {
    ConsoleLogin alice = login("alice");
    String cookie = cookie(alice, GRAFANA);
    roles.remove(roles.find("ops-apps").orElseThrow());
    assertEquals(OutpostException.Kind.FORBIDDEN,
        assertThrows(OutpostException.class, () -> apps.authenticate(cookie, GRAFANA)).kind());
  }

  @Test
  void anAppOfALeafIsLeftToTheLeafWhileTheUsersLocksStillCountHere() {
    PublishedApp leafApp = PublishedApp.ofLeaf("grafana--depot", "depot");
    ConsoleLogin bob = login("bob");
    long started = audit.count(AuditEventType.APP_SESSION_START, Outcome.SUCCESS);
    String cookie = cookie(bob, leafApp);
    AppCaller caller = apps.authenticate(cookie, leafApp);
    assertEquals("bob", caller.identity().user(), "no app_labels here: the leaf decides");
    apps.requestDone(caller, leafApp, "GET", "/", 200, 1.0, new java.util.Random(1));
    assertEquals(started, audit.count(AuditEventType.APP_SESSION_START, Outcome.SUCCESS),
        "the leaf audits the app session");
    assertEquals(0, audit.count(AuditEventType.APP_REQUEST, Outcome.SUCCESS),
        "and its requests");

    locks.add(new Lock(LockTarget.NODE, "depot", null, "admin", clock.instant(),
        Duration.ofHours(1)));
    assertEquals("bob", apps.authenticate(cookie, leafApp).identity().user(),
        "the leaf's name is no node of this cluster");
    locks.add(new Lock(LockTarget.USER, "bob", null, "admin", clock.instant(),
        Duration.ofHours(1)));
    assertEquals(OutpostException.Kind.FORBIDDEN, assertThrows(OutpostException.class,
        () -> apps.authenticate(cookie, leafApp)).kind());
  }

  @Test
  void onALeafARootUsersAppSessionIsDecidedByTheRolesAndAudited() {
    java.util.UUID session = java.util.UUID.randomUUID();
    var bob = users.findByName("bob").orElseThrow().identity(clock.instant().plusSeconds(60));
    assertEquals(OutpostException.Kind.FORBIDDEN, assertThrows(OutpostException.class,
        () -> apps.startRemote(bob, GRAFANA, session, "192.0.2.7")).kind());
    assertEquals(AuditEventType.ACCESS_DENIED, audit.last().type());

    var alice = users.findByName("alice").orElseThrow().identity(clock.instant().plusSeconds(60));
    apps.startRemote(alice, GRAFANA, session, "192.0.2.7");
    assertEquals(AuditEventType.APP_SESSION_START, audit.last().type());
    assertEquals(session, audit.last().sessionId());
    assertEquals("grafana", audit.last().target());
  }

  @Test
  void requestAuditIsSampled() {
    AppCaller caller = new AppCaller(users.findByName("alice").orElseThrow()
        .identity(clock.instant().plus(Duration.ofHours(1))), java.util.UUID.randomUUID());
    apps.requestDone(caller, GRAFANA, "GET", "/", 200, 1.0, new java.util.Random(1));
    apps.requestDone(caller, GRAFANA, "GET", "/", 200, 0.0, new java.util.Random(1));
    assertEquals(1, audit.count(AuditEventType.APP_REQUEST, Outcome.SUCCESS));
    assertEquals("GET / 200", audit.last().message());
  }
}
