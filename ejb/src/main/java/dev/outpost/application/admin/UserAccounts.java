package dev.outpost.application.admin;

import dev.outpost.api.UserUpdate;
import dev.outpost.api.UserView;
import dev.outpost.ca.SshCertificateRequest;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRecorder;
import dev.outpost.domain.lock.Lock;
import dev.outpost.domain.lock.LockRepository;
import dev.outpost.domain.lock.LockTarget;
import dev.outpost.domain.role.Role;
import dev.outpost.domain.role.RoleRepository;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.domain.user.UserName;
import dev.outpost.domain.user.UserRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Admins list, change and remove local users. A change of roles or logins applies to the proxy's
 * decisions at once and reaches nodes with the user's next certificates. Removing a user deletes the account (its bearer sessions
 * stop at once) and locks the name for as long as a certificate can live, so that certificates
 * already issued open no new session and live sessions end within seconds, as with a lock.
 */
public final class UserAccounts {

  static final String REMOVED = "user removed";

  private final UserRepository users;
  private final RoleRepository roles;
  private final LockRepository locks;
  private final AuditRecorder audit;
  private final Clock clock;

  public UserAccounts(UserRepository users, RoleRepository roles, LockRepository locks,
      AuditRecorder audit, Clock clock) {
    this.users = users;
    this.roles = roles;
    this.locks = locks;
    this.audit = audit;
    this.clock = clock;
  }

  public List<UserView> list(UserIdentity admin) {
    admin.requireRole(Role.ADMIN);
    return users.list().stream().map(UserAccounts::view).toList();
  }

  /**
   * Replaces the roles and/or logins of a user; audited as {@code user.update}. An admin cannot
   * take the admin role from themself, so that a cluster always keeps the admin who changed it.
   */
  public UserView update(UserIdentity admin, String name, UserUpdate change) {
    AuditRecord attempt = AuditRecord.success(AuditEventType.USER_UPDATE).actor(admin.user())
        .target(name);
    try {
      admin.requireRole(Role.ADMIN);
      if (change == null || (change.roles() == null && change.logins() == null)) {
        throw OutpostException.badRequest("nothing to change: give roles, logins or both");
      }
      User user = users.findByName(new UserName(name).value())
          .orElseThrow(() -> OutpostException.notFound("no user " + name));
      if (change.roles() != null) {
        Set<String> newRoles = ExistingRoles.named(roles, change.roles());
        if (user.name().equals(admin.user()) && !newRoles.contains(Role.ADMIN)) {
          throw OutpostException.badRequest("you cannot take the admin role from yourself");
        }
        user.changeRoles(newRoles);
      }
      if (change.logins() != null) {
        user.changeLogins(change.logins());
      }
      UserView changed = view(user);
      audit.record(attempt.message("user " + user.name() + " now has roles " + changed.roles()
          + " and logins " + changed.logins()));
      return changed;
    } catch (OutpostException e) {
      audit.record(attempt.failed(e.getMessage()));
      throw e;
    }
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

  private static UserView view(User user) {
    return new UserView(user.name(), user.roles().stream().sorted().toList(), user.logins(),
        user.totpSecret().isPresent(), user.passwordHash().isPresent(), user.createdAt());
  }
}
