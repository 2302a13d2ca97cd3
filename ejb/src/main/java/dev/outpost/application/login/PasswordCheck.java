package dev.outpost.application.login;

import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.role.RoleDirectory;
import dev.outpost.domain.role.RoleSet;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserName;
import java.time.Instant;

/**
 * What every password login checks, whichever session it opens (CLI certificates or web console):
 * the credentials ({@link PasswordAuthentication}), then the roles: at least one that still exists,
 * and a second factor when the cluster or one of the roles requires it. Every refusal is audited
 * as {@code user.login.failure} with its real reason.
 */
public final class PasswordCheck {

  static final String NO_ROLE = "you have no role any more: ask an admin";
  static final String MFA_REQUIRED = "a second factor is required: enrol a one-time code (TOTP)"
      + " with 'outpost mfa enroll' before logging in";

  private final PasswordAuthentication authentication;
  private final RoleDirectory roles;
  private final boolean clusterRequiresMfa;

  /**
   * @param clusterRequiresMfa whether every user needs TOTP ({@code outpost.auth.require-mfa}),
   *     whatever their roles say
   */
  public PasswordCheck(PasswordAuthentication authentication, RoleDirectory roles,
      boolean clusterRequiresMfa) {
    this.authentication = authentication;
    this.roles = roles;
    this.clusterRequiresMfa = clusterRequiresMfa;
  }

  /**
   * The user whose credentials these are, its successful login (and TOTP step) noted.
   *
   * @param attempt the login's audit event; refusals are recorded as its failure
   * @throws OutpostException UNAUTHENTICATED for wrong credentials, LOCKED for a locked account,
   *     FORBIDDEN when none of the user's roles exists or a required second factor is not enrolled
   */
  public User verify(UserName name, String password, String totp, AuditRecord attempt,
      Instant now) {
    AuditRecord failure = attempt.as(AuditEventType.USER_LOGIN_FAILURE);
    PasswordAuthentication.Authenticated authenticated =
        authentication.authenticate(name, password, totp, now, failure);
    User user = authenticated.user();
    RoleSet roleSet = roles.resolve(user);
    if (roleSet.names().isEmpty()) {
      throw authentication.refused(failure, "none of the user's roles exists any more",
          OutpostException.forbidden(NO_ROLE));
    }
    if ((clusterRequiresMfa || roleSet.requiresMfa()) && user.totpSecret().isEmpty()) {
      throw authentication.refused(failure, "second factor required "
          + (clusterRequiresMfa ? "by the cluster" : "by a role") + " but not enrolled",
          OutpostException.forbidden(MFA_REQUIRED));
    }
    user.loginSucceeded(authenticated.totpStep());
    return user;
  }
}
