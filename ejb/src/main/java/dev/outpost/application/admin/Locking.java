package dev.outpost.application.admin;

import dev.outpost.api.LockRequest;
import dev.outpost.api.LockView;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRecorder;
import dev.outpost.domain.lock.Lock;
import dev.outpost.domain.lock.LockRepository;
import dev.outpost.domain.lock.LockTarget;
import dev.outpost.domain.node.NodeName;
import dev.outpost.domain.role.Role;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.shared.Ttl;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.domain.user.UserName;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Admins lock a user or a node, list the locks in force and lift them; audited as {@code
 * lock.create} and {@code lock.delete} with the admin as actor.
 */
public final class Locking {

  static final Duration DEFAULT_TTL = Duration.ofHours(12);

  private final LockRepository locks;
  private final AuditRecorder audit;
  private final Clock clock;

  public Locking(LockRepository locks, AuditRecorder audit, Clock clock) {
    this.locks = locks;
    this.audit = audit;
    this.clock = clock;
  }

  public LockView lock(UserIdentity admin, LockRequest request) {
    AuditRecord attempt = AuditRecord.success(AuditEventType.LOCK_CREATE).actor(admin.user());
    try {
      admin.requireRole(Role.ADMIN);
      Lock lock = new Lock(kind(request), target(request), request.message(), admin.user(),
          clock.instant(), Ttl.parse(request.ttl(), DEFAULT_TTL));
      locks.add(lock);
      audit.record(attempt.message(lock.reason()));
      return view(lock);
    } catch (OutpostException e) {
      audit.record(attempt.failed(e.getMessage()));
      throw e;
    }
  }

  /** The locks in force, oldest first. */
  public List<LockView> list(UserIdentity admin) {
    admin.requireRole(Role.ADMIN);
    return locks.activeAt(clock.instant()).stream().map(Locking::view).toList();
  }

  /** Lifts the lock {@code id}: sessions it covered are allowed again. */
  public void remove(UserIdentity admin, String id) {
    AuditRecord attempt = AuditRecord.success(AuditEventType.LOCK_DELETE).actor(admin.user());
    try {
      admin.requireRole(Role.ADMIN);
      Lock lock = (id == null || id.length() > 64 ? Optional.<Lock>empty() : locks.findById(id))
          .orElseThrow(() -> OutpostException.notFound("no lock " + id
              + " (see 'outpost admin locks ls')"));
      locks.remove(lock);
      audit.record(attempt.message("lifted: " + lock.reason()));
    } catch (OutpostException e) {
      audit.record(attempt.failed(e.getMessage()));
      throw e;
    }
  }

  private static LockView view(Lock lock) {
    return new LockView(lock.id(), lock.kind().name().toLowerCase(Locale.ROOT), lock.target(),
        lock.message().orElse(null), lock.createdBy(), lock.expiresAt());
  }

  private static LockTarget kind(LockRequest request) {
    if ((request.user() == null) == (request.node() == null)) {
      throw OutpostException.badRequest("lock either a user or a node");
    }
    return request.user() != null ? LockTarget.USER : LockTarget.NODE;
  }

  private static String target(LockRequest request) {
    return request.user() != null
        ? new UserName(request.user()).value()
        : new NodeName(request.node()).value();
  }
}
