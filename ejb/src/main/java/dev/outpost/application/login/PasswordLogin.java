package dev.outpost.application.login;

import dev.outpost.api.LoginResponse;
import dev.outpost.application.audit.DatabaseRefusal;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRecorder;
import dev.outpost.domain.role.RoleDirectory;
import dev.outpost.domain.role.RoleSet;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Password login: the {@link PasswordCheck} (lockout, password, TOTP, roles), then opens a
 * bearer session and signs the client's keys into certificates that expire with it, no later
 * than the shortest {@code max_session_ttl} of the user's roles. Every attempt is audited, also one
 * the proxy cannot check because its database is away; the user learns only that the credentials
 * were wrong (or could not be checked now), the audit log learns why.
 */
public final class PasswordLogin {
  static final String UNCHECKED = "the proxy cannot check credentials now";

  private final PasswordCheck passwords;
  private final RoleDirectory roles;
  private final SessionCertificates certificates;
  private final AuditRecorder audit;
  private final Clock clock;

  public PasswordLogin(PasswordCheck passwords, RoleDirectory roles,
      SessionCertificates certificates, AuditRecorder audit, Clock clock) {
    this.passwords = passwords;
    this.roles = roles;
    this.certificates = certificates;
    this.audit = audit;
    this.clock = clock;
  }

  public LoginResponse login(LoginCommand command, String remoteAddr) {
    Instant now = clock.instant();
    AuditRecord attempt = AuditRecord.success(AuditEventType.USER_LOGIN)
        .actor(command.user().value())
        .remoteAddr(remoteAddr);
    LoginResponse response;
    try {
      User user = passwords.verify(command.user(), command.password(), command.totp(), attempt,
          now);
      RoleSet roleSet = roles.resolve(user);
      Duration ttl = roleSet.capSessionTtl(command.keys().ttl());
      response = certificates.issue(user, roleSet, command.keys(), ttl, now, remoteAddr);
    } catch (OutpostException refused) {
      throw refused;
    } catch (RuntimeException e) {
      // The account or the new session cannot be read or kept (the database is away): no login,
      // and the attempt is audited all the same.
      audit.record(attempt.as(AuditEventType.USER_LOGIN_FAILURE)
          .failed(UNCHECKED + " (" + DatabaseRefusal.rootCause(e) + ")"));
      throw OutpostException.unavailable(UNCHECKED + ": try again later");
    }
    audit.record(attempt.message("session and certificates valid until " + response.expires()));
    return response;
  }
}
