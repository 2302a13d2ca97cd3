package dev.outpost.application.login;

import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRecorder;
import dev.outpost.domain.role.RoleDirectory;
import dev.outpost.domain.role.RoleSet;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.CredentialCheck;
import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserName;
import dev.outpost.domain.user.UserRepository;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * What every password login checks, whichever session it opens (CLI certificates or web console):
 * lockout, password, TOTP when enrolled, then the roles: at least one that still exists, and a
 * second factor when one of them requires it. A wrong guess counts towards the lockout; every refusal is
 * audited with its real reason, while the caller only ever learns one message.
 */
public final class PasswordCheck {

  static final String REJECTED = "invalid user name, password or one-time code";
  static final String LOCKED = "account is locked after too many failed logins; try again later";
  static final String NO_ROLE = "you have no role any more: ask an admin";
  static final String MFA_REQUIRED = "your roles require a second factor: enrol a one-time code "
      + "(TOTP) before logging in";

  private final UserRepository users;
  private final RoleDirectory roles;
  private final CredentialCheck credentials;
  private final FailedLoginRecorder failures;
  private final AuditRecorder audit;

  public PasswordCheck(UserRepository users, RoleDirectory roles, CredentialCheck credentials,
      FailedLoginRecorder failures, AuditRecorder audit) {
    this.users = users;
    this.roles = roles;
    this.credentials = credentials;
    this.failures = failures;
    this.audit = audit;
  }

  /**
   * The user whose credentials these are, its successful login noted.
   *
   * @param attempt the audit event to record as failed when the credentials are refused
   * @throws OutpostException UNAUTHENTICATED for wrong credentials, LOCKED for a locked account,
   *     FORBIDDEN when none of the user's roles exists or a role requires a second factor the
   *     user has not enrolled
   */
  public User verify(UserName name, String password, String totp, AuditRecord attempt,
      Instant now) {
    User user = users.findByName(name.value()).orElse(null);
    if (user == null) {
      credentials.checkNobody(password);
      throw refused(attempt, "unknown user", OutpostException.unauthenticated(REJECTED));
    }
    if (user.isLockedAt(now)) {
      throw refused(attempt, "account locked", OutpostException.locked(LOCKED));
    }
    OptionalLong totpStep = credentials.check(user, password, totp, now);
    if (totpStep.isEmpty()) {
      failures.recordFailure(user.id());
      throw refused(attempt, "wrong password or one-time code",
          OutpostException.unauthenticated(REJECTED));
    }
    RoleSet roleSet = roles.resolve(user.roles(), user.logins());
    if (roleSet.names().isEmpty()) {
      throw refused(attempt, "none of the user's roles exists any more",
          OutpostException.forbidden(NO_ROLE));
    }
    if (roleSet.requiresMfa() && user.totpSecret().isEmpty()) {
      throw refused(attempt, "second factor required by a role but not enrolled",
          OutpostException.forbidden(MFA_REQUIRED));
    }
    user.loginSucceeded(totpStep.getAsLong());
    return user;
  }

  private OutpostException refused(AuditRecord attempt, String reason, OutpostException error) {
    audit.record(attempt.as(AuditEventType.USER_LOGIN_FAILURE).failed(reason));
    return error;
  }
}
