package dev.outpost.application.login;

import dev.outpost.api.LoginResponse;
import dev.outpost.ca.CertificateAuthorities;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRecorder;
import dev.outpost.domain.role.RoleDirectory;
import dev.outpost.domain.role.RoleSet;
import dev.outpost.domain.session.WebSessionRepository;
import dev.outpost.domain.user.CredentialCheck;
import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserRepository;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Password login: checks lockout, password and TOTP (required when a role says so), then opens a
 * bearer session and signs the client's keys into certificates that expire with it, no later
 * than the shortest {@code max_session_ttl} of the user's roles. Every attempt is audited; the
 * user learns only that the credentials were wrong, the audit log learns why.
 */
public final class PasswordLogin {

  static final String REJECTED = PasswordCheck.REJECTED;
  static final String MFA_REQUIRED = PasswordCheck.MFA_REQUIRED;

  private final RoleDirectory roles;
  private final PasswordCheck passwords;
  private final SessionCertificates certificates;
  private final AuditRecorder audit;
  private final Clock clock;

  public PasswordLogin(UserRepository users, RoleDirectory roles, WebSessionRepository sessions,
      CredentialCheck credentials, FailedLoginRecorder failures, CertificateAuthorities cas,
      AuditRecorder audit, Clock clock, SecureRandom random) {
    this.roles = roles;
    this.passwords = new PasswordCheck(users, roles, credentials, failures, audit);
    this.certificates = new SessionCertificates(sessions, cas, random);
    this.audit = audit;
    this.clock = clock;
  }

  public LoginResponse login(LoginCommand command, String remoteAddr) {
    Instant now = clock.instant();
    AuditRecord attempt = AuditRecord.success(AuditEventType.USER_LOGIN)
        .actor(command.user().value())
        .remoteAddr(remoteAddr);
    User user = passwords.verify(command.user(), command.password(), command.totp(), attempt, now);
    RoleSet roleSet = roles.resolve(user.roles(), user.logins());
    Duration ttl = roleSet.capSessionTtl(command.keys().ttl());
    LoginResponse response = certificates.issue(user, roleSet, command.keys(), ttl, now,
        remoteAddr);
    audit.record(attempt.message("session and certificates valid until " + response.expires()));
    return response;
  }
}
