package dev.outpost.application.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.domain.audit.AuditEvent;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditQuery;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRepository;
import dev.outpost.domain.audit.Outcome;
import dev.outpost.domain.lock.Lock;
import dev.outpost.domain.lock.LockTarget;
import dev.outpost.domain.node.Node;
import dev.outpost.domain.node.NodeLabels;
import dev.outpost.domain.node.NodeName;
import dev.outpost.domain.role.Role;
import dev.outpost.domain.role.RoleDirectory;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.domain.user.UserName;
import dev.outpost.testing.InMemoryLocks;
import dev.outpost.testing.InMemoryNodes;
import dev.outpost.testing.InMemoryRoles;
import dev.outpost.testing.InMemoryUsers;
import dev.outpost.testing.MutableClock;
import dev.outpost.testing.RecordingAudit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SshAccessTest {

  private static final String CLUSTER = "prod.example";

  private final MutableClock clock = MutableClock.atSomeFixedTime();
  private final InMemoryUsers users = new InMemoryUsers();
  private final InMemoryNodes nodes = new InMemoryNodes();
  private final RecordingAudit audit = new RecordingAudit();
  private final InMemoryLocks locks = new InMemoryLocks();
  private final SshAccess access = new SshAccess(CLUSTER, users, nodes,
      new RoleDirectory(InMemoryRoles.withBuiltins()), locks, new RecordedEvents(), audit, clock);
  private UserIdentity alice;
  private boolean startsUnreadable;

  @BeforeEach
  void setUp() {
    User user = new User(new UserName("alice"), Set.of(Role.ACCESS), List.of("ubuntu"),
        clock.instant());
    users.add(user);
    alice = user.identity(clock.instant().plus(Duration.ofHours(1)));
    users.add(new User(new UserName("bob"), Set.of(), List.of("ubuntu"), clock.instant()));
    node("edge-1").connected("proxy-a", "192.0.2.1", clock.instant());
    node("edge-2");
  }

  @Test
  void allowsAUserWithTheLoginOnAnOnlineNode() {
    UUID session = access.authorize(alice, "ubuntu", "edge-1", "198.51.100.4");

    assertNotNull(session);
    AuditRecord event = audit.last();
    assertEquals(AuditEventType.SESSION_START, event.type());
    assertEquals(Outcome.SUCCESS, event.outcome());
    assertEquals("alice", event.actor());
    assertEquals("edge-1", event.node());
    assertEquals("ubuntu", event.login());
    assertEquals(session, event.sessionId());
  }

  @Test
  void acceptsTheClusterQualifiedName() {
    access.authorize(alice, "ubuntu", "edge-1." + CLUSTER, null);

    assertEquals("edge-1", audit.last().node());
  }

  @Test
  void refusesByRuleAndAuditsTheRuleAsAccessDenied() {
    assertEquals("access denied: no role of [access] allows login root on node edge-1 (deny by "
        + "default)", deny(alice, "root", "edge-1", OutpostException.Kind.FORBIDDEN));
    UserIdentity bob = users.findByName("bob").orElseThrow().identity(Instant.MAX);
    assertEquals("access denied: no role of [] allows login ubuntu on node edge-1 (deny by "
        + "default)", deny(bob, "ubuntu", "edge-1", OutpostException.Kind.FORBIDDEN));
    assertEquals(2, audit.count(AuditEventType.ACCESS_DENIED, Outcome.FAILURE));
    assertEquals("bob", audit.last().actor());
    assertEquals("ubuntu", audit.last().login());
    assertEquals("edge-1", audit.last().node());
  }

  @Test
  void aLockRefusesTheUserOrTheNodeUntilItExpires() {
    locks.add(new Lock(LockTarget.USER, "alice", "incident 42", "admin", clock.instant(),
        Duration.ofMinutes(10)));

    String refusal = deny(alice, "ubuntu", "edge-1", OutpostException.Kind.FORBIDDEN);

    assertTrue(refusal.startsWith("access denied: user alice is locked until "), refusal);
    assertTrue(refusal.endsWith(": incident 42"), refusal);
    assertEquals(AuditEventType.ACCESS_DENIED, audit.last().type());
    clock.advance(Duration.ofMinutes(10));
    assertNotNull(access.authorize(alice, "ubuntu", "edge-1", null));
    locks.add(new Lock(LockTarget.NODE, "edge-1", null, "admin", clock.instant(),
        Duration.ofMinutes(1)));
    assertTrue(deny(alice, "ubuntu", "edge-1", OutpostException.Kind.FORBIDDEN)
        .startsWith("access denied: node edge-1 is locked until "));
  }

  @Test
  void refusesOtherwiseWithAPreciseReasonAndAuditsIt() {
    assertEquals("node edge-2 is offline", deny(alice, "ubuntu", "edge-2",
        OutpostException.Kind.UNAVAILABLE));
    assertEquals("node edge-9 is not registered", deny(alice, "ubuntu", "edge-9",
        OutpostException.Kind.NOT_FOUND));
    assertEquals("node edge-1.other.example is not in cluster " + CLUSTER,
        deny(alice, "ubuntu", "edge-1.other.example", OutpostException.Kind.NOT_FOUND));
    assertEquals(3, audit.count(AuditEventType.SESSION_START, Outcome.FAILURE));
  }

  @Test
  void sessionEndCarriesTheFieldsOfItsStart() {
    UUID session = access.authorize(alice, "ubuntu", "edge-1", "198.51.100.4");

    access.ended(session, 1200, 34_000, null);

    AuditRecord end = audit.last();
    assertEquals(AuditEventType.SESSION_END, end.type());
    assertEquals("alice", end.actor());
    assertEquals("edge-1", end.node());
    assertEquals("ubuntu", end.login());
    assertEquals(session, end.sessionId());
    assertEquals("bytes in 1200, out 34000", end.message());
  }

  @Test
  void aSessionCutShortSaysWhy() {
    UUID session = access.authorize(alice, "ubuntu", "edge-1", "198.51.100.4");

    access.ended(session, 10, 20, "link lost (keep-alive timeout) and not resumed within PT5M");

    assertEquals(
        "bytes in 10, out 20; link lost (keep-alive timeout) and not resumed within PT5M",
        audit.last().message());
  }

  @Test
  void refusesWhatItCannotDecideWhileTheDatabaseIsAwayAndAuditsTheAttempt() {
    users.goAway(new IllegalStateException("Connection refused"));

    OutpostException error = assertThrows(OutpostException.class,
        () -> access.authorize(alice, "ubuntu", "edge-1", "198.51.100.4"));

    assertEquals(OutpostException.Kind.UNAVAILABLE, error.kind());
    assertEquals(SshAccess.UNDECIDED + ": try again later", error.getMessage());
    AuditRecord attempt = audit.last();
    assertEquals(AuditEventType.SESSION_START, attempt.type());
    assertEquals(Outcome.FAILURE, attempt.outcome());
    assertEquals("alice", attempt.actor());
    assertEquals("edge-1", attempt.node());
    assertEquals(SshAccess.UNDECIDED + " (IllegalStateException: Connection refused)",
        attempt.message());
  }

  @Test
  void sessionEndIsAuditedWhenItsStartCannotBeRead() {
    UUID session = access.authorize(alice, "ubuntu", "edge-1", "198.51.100.4");
    startsUnreadable = true;

    access.ended(session, 5, 6, null);

    assertEquals(AuditEventType.SESSION_END, audit.last().type());
    assertEquals(session, audit.last().sessionId());
    assertEquals("bytes in 5, out 6", audit.last().message());
  }

  @Test
  void aUserResumesHerOwnSessionStillAllowedAndNothingMoreIsAudited() {
    UUID session = access.authorize(alice, "ubuntu", "edge-1", "198.51.100.4");
    int audited = audit.records().size();

    ResumedSession resumed = access.authorizeResume(alice, session, "198.51.100.9");

    assertEquals(new ResumedSession("ubuntu", "edge-1"), resumed);
    assertEquals(audited, audit.records().size(), "one session: one start, one end later");
  }

  @Test
  void anotherUsersSessionIsNotResumedAndTheAttemptIsAudited() {
    UUID session = access.authorize(alice, "ubuntu", "edge-1", "198.51.100.4");
    UserIdentity bob = users.findByName("bob").orElseThrow().identity(Instant.MAX);

    assertEquals("resume refused: session " + session + " belongs to another user",
        refuseResume(bob, session));
    assertEquals("bob", audit.last().actor());
    assertEquals("edge-1", audit.last().node());
    assertEquals(session, audit.last().sessionId());
    UUID unknown = UUID.randomUUID();
    assertEquals("resume refused: no session " + unknown + " started", refuseResume(alice, unknown));
  }

  @Test
  void aSessionIsNotResumedOnceTheUserLostAccess() {
    UUID session = access.authorize(alice, "ubuntu", "edge-1", "198.51.100.4");
    locks.add(new Lock(LockTarget.USER, "alice", "incident 42", "admin", clock.instant(),
        Duration.ofMinutes(10)));

    String refusal = refuseResume(alice, session);

    assertTrue(refusal.startsWith("resume refused: user alice is locked until "), refusal);
  }

  @Test
  void theNodesRefusalIsAuditedWithItsReason() {
    UUID session = access.authorize(alice, "ubuntu", "edge-1", "198.51.100.4");

    access.resumeRefused("alice", session, "198.51.100.9",
        "resume refused: stream k belongs to another user");

    AuditRecord denied = audit.last();
    assertEquals(AuditEventType.ACCESS_DENIED, denied.type());
    assertEquals(Outcome.FAILURE, denied.outcome());
    assertEquals("resume refused: stream k belongs to another user", denied.message());
    assertEquals("edge-1", denied.node());
    assertEquals("198.51.100.9", denied.remoteAddr());
  }

  private String refuseResume(UserIdentity who, UUID session) {
    OutpostException error = assertThrows(OutpostException.class,
        () -> access.authorizeResume(who, session, null));
    assertEquals(OutpostException.Kind.FORBIDDEN, error.kind());
    assertEquals(AuditEventType.ACCESS_DENIED, audit.last().type());
    assertEquals(error.getMessage(), audit.last().message());
    return error.getMessage();
  }

  private String deny(UserIdentity who, String login, String node, OutpostException.Kind kind) {
    OutpostException error = assertThrows(OutpostException.class,
        () -> access.authorize(who, login, node, null));
    assertEquals(kind, error.kind());
    assertEquals(Outcome.FAILURE, audit.last().outcome());
    assertTrue(error.getMessage().endsWith(audit.last().message()), audit.last().message());
    return error.getMessage();
  }

  private Node node(String name) {
    Node node = new Node(CLUSTER, new NodeName(name), new NodeLabels(Map.of()), "SHA256:x",
        clock.instant());
    nodes.add(node);
    return node;
  }

  /** Finds session starts among what was audited. */
  private final class RecordedEvents implements AuditRepository {
    @Override
    public Optional<Instant> latest(String cluster) {
      return Optional.empty();
    }


    @Override
    public void add(AuditEvent event) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean contains(UUID id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<AuditEvent> list(AuditQuery query) {
      throw new UnsupportedOperationException();
    }

    @Override
    public int deleteBefore(String cluster, Instant cutoff) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<AuditEvent> sessionStart(UUID sessionId) {
      if (startsUnreadable) {
        throw new IllegalStateException("Connection refused");
      }
      return audit.records().stream()
          .filter(r -> r.type() == AuditEventType.SESSION_START && sessionId.equals(r.sessionId()))
          .findFirst()
          .map(r -> new AuditEvent(r, clock.instant(), CLUSTER));
    }
  }
}
