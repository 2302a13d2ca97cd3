package dev.outpost.application.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.api.LockRequest;
import dev.outpost.api.LockView;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.Outcome;
import dev.outpost.domain.role.Role;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.testing.InMemoryLocks;
import dev.outpost.testing.MutableClock;
import dev.outpost.testing.RecordingAudit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LockingTest {

  private final MutableClock clock = MutableClock.atSomeFixedTime();
  private final InMemoryLocks locks = new InMemoryLocks();
  private final RecordingAudit audit = new RecordingAudit();
  private final Locking locking = new Locking(locks, audit, clock);
  private final UserIdentity admin =
      new UserIdentity("root-admin", Set.of(Role.ADMIN), List.of(), Instant.MAX);

  @Test
  void locksAUserForTheTtlAuditedWithTheAdminAsActor() {
    LockView lock = locking.lock(admin, new LockRequest("bob", null, "1h", "incident 42"));

    assertEquals("user", lock.kind());
    assertEquals("bob", lock.target());
    assertEquals(clock.instant().plus(Duration.ofHours(1)), lock.expires());
    assertEquals(1, locks.activeAt(clock.instant()).size());
    assertEquals(AuditEventType.LOCK_CREATE, audit.last().type());
    assertEquals("root-admin", audit.last().actor());
    assertTrue(audit.last().message().endsWith(": incident 42"), audit.last().message());
    clock.advance(Duration.ofHours(1));
    assertTrue(locks.activeAt(clock.instant()).isEmpty());
  }

  @Test
  void listsTheLocksInForceAndLiftsThemById() {
    LockView lock = locking.lock(admin, new LockRequest(null, "edge-1", "1h", null));
    locking.lock(admin, new LockRequest("bob", null, "10m", null));

    List<LockView> listed = locking.list(admin);
    assertEquals(List.of("edge-1", "bob"), listed.stream().map(LockView::target).toList());
    assertEquals("root-admin", listed.get(0).createdBy());

    locking.remove(admin, lock.id());
    assertEquals(List.of("bob"), locking.list(admin).stream().map(LockView::target).toList());
    assertEquals(AuditEventType.LOCK_DELETE, audit.last().type());
    assertEquals("root-admin", audit.last().actor());
    assertTrue(audit.last().message().startsWith("lifted: node edge-1"), audit.last().message());

    OutpostException missing = assertThrows(OutpostException.class,
        () -> locking.remove(admin, lock.id()));
    assertEquals(OutpostException.Kind.NOT_FOUND, missing.kind());
    assertEquals(Outcome.FAILURE, audit.last().outcome());
    UserIdentity alice = new UserIdentity("alice", Set.of(Role.ACCESS), List.of(), Instant.MAX);
    assertThrows(OutpostException.class, () -> locking.list(alice));
  }

  @Test
  void refusesBadRequestsAndNonAdmins() {
    assertEquals("lock either a user or a node", refused(admin,
        new LockRequest("bob", "edge-1", null, null)));
    assertEquals("lock either a user or a node", refused(admin,
        new LockRequest(null, null, null, null)));
    assertEquals("lock ttl must be within 365d", refused(admin,
        new LockRequest(null, "edge-1", "400d", null)));
    assertTrue(refused(admin, new LockRequest("bob", null, null, "two\nlines"))
        .startsWith("lock message must be one line"));
    UserIdentity alice = new UserIdentity("alice", Set.of(Role.ACCESS), List.of(), Instant.MAX);
    assertEquals("role admin is required", refused(alice, new LockRequest("bob", null, null, null)));
    assertEquals(Outcome.FAILURE, audit.last().outcome());
    assertTrue(locks.activeAt(clock.instant()).isEmpty());
  }

  private String refused(UserIdentity who, LockRequest request) {
    return assertThrows(OutpostException.class, () -> locking.lock(who, request)).getMessage();
  }
}
