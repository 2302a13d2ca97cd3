package dev.outpost.application.admin;

import dev.outpost.api.UserView;
import dev.outpost.ca.SshCertificateRequest;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRecorder;
import dev.outpost.domain.lock.Lock;
import dev.outpost.domain.lock.LockRepository;
import dev.outpost.domain.lock.LockTarget;
import dev.outpost.domain.role.Role;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.domain.user.UserName;
import dev.outpost.domain.user.UserRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Admins list and remove local users. Removing a user deletes the account (its bearer sessions
 * stop at once) and locks the name for as long as a certificate can live, so that certificates
 * already issued open no new session and live sessions end within seconds, as with a lock.
 */
public final class UserAccounts {

  static final String REMOVED = "user removed";

  private final UserRepository users;
  private final LockRepository locks;
  private final AuditRecorder audit;
  private final Clock clock;

  public UserAccounts(UserRepository users, LockRepository locks, AuditRecorder audit,
      Clock clock) {
    this.users = users;
    this.locks = locks;
    this.audit = audit;
    this.clock = clock;
  }

  public List<UserView> list(UserIdentity admin) {
    admin.requireRole(Role.ADMIN);
    return users.list().stream().map(user -> new UserView(user.name(),
        user.roles().stream().sorted().toList(), user.logins(), user.totpSecret().isPresent(),
        user.passwordHash().isPresent(), user.createdAt())).toList();
  }

  /** Audited as {@code user.delete}; an admin cannot remove themself. */
  public void remove(UserIdentity admin, String name) {
    AuditRecord attempt = AuditRecord.success(AuditEventType.USER_DELETE).actor(admin.user());
    try {
      admin.requireRole(Role.ADMIN);
      UserName userName = new UserName(name);
      if (userName.value().equals(admin.user())) {
        throw OutpostException.badRequest("you cannot remove yourself");
      }
      User user = users.findByName(userName.value())
          .orElseThrow(() -> OutpostException.notFound("no user " + userName));
      Instant now = clock.instant();
      user.delete(now);
      locks.add(new Lock(LockTarget.USER, user.name(), REMOVED, admin.user(), now,
          SshCertificateRequest.MAX_USER_TTL));
      audit.record(attempt.message("user " + user.name() + " removed; sessions ended"));
    } catch (OutpostException e) {
      audit.record(attempt.failed(e.getMessage()));
      throw e;
    }
  }
}
