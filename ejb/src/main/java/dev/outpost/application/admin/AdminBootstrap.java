package dev.outpost.application.admin;

import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRecorder;
import dev.outpost.domain.role.Role;
import dev.outpost.domain.user.PasswordHasher;
import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserName;
import dev.outpost.domain.user.UserRepository;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Creates the first user, {@code admin} with roles admin and access, when there is no user at
 * all. Its password is configured, or generated into a secret file that only the launcher reads;
 * it never reaches a log.
 */
public final class AdminBootstrap {

  public static final String ADMIN = "admin";

  private final UserRepository users;
  private final PasswordHasher hasher;
  private final AuditRecorder audit;
  private final Clock clock;

  public AdminBootstrap(UserRepository users, PasswordHasher hasher, AuditRecorder audit,
      Clock clock) {
    this.users = users;
    this.hasher = hasher;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * @param logins the admin's OS logins
   * @param password supplies the password, called only when the admin is created
   * @return whether the admin was created now
   */
  public boolean createIfNoUser(List<String> logins, Supplier<String> password) {
    if (users.any()) {
      return false;
    }
    User admin = new User(new UserName(ADMIN), Set.of(Role.ADMIN, Role.ACCESS), logins,
        clock.instant());
    admin.changePassword(hasher.hash(password.get()));
    users.add(admin);
    audit.record(AuditRecord.success(AuditEventType.USER_CREATE).actor("system")
        .message("bootstrap user " + ADMIN + " with roles [access, admin]"));
    return true;
  }
}
