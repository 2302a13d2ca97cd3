package dev.outpost.application.login;

import dev.outpost.api.LoginResponse;
import dev.outpost.api.UserCertificatePermissions;
import dev.outpost.ca.CertificateAuthorities;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRecorder;
import dev.outpost.domain.role.RoleDirectory;
import dev.outpost.domain.role.RoleSet;
import dev.outpost.domain.session.WebSession;
import dev.outpost.domain.session.WebSessionRepository;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.shared.SecretToken;
import dev.outpost.domain.user.User;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Password login: checks lockout, password and TOTP (required when a role or the cluster says so), then opens a
 * bearer session and signs the client's keys into certificates that expire with it, no later
 * than the shortest {@code max_session_ttl} of the user's roles. Every attempt is audited; the
 * user learns only that the credentials were wrong, the audit log learns why.
 */
public final class PasswordLogin {

  static final String NO_ROLE = "you have no role any more: ask an admin";
  static final String MFA_REQUIRED = "a second factor is required: enrol a one-time code (TOTP)"
      + " with 'outpost mfa enroll' before logging in";
  private static final int SESSION_TOKEN_BYTES = 32;

  private final PasswordAuthentication authentication;
  private final RoleDirectory roles;
  private final boolean clusterRequiresMfa;
  private final WebSessionRepository sessions;
  private final CertificateAuthorities cas;
  private final AuditRecorder audit;
  private final Clock clock;
  private final SecureRandom random;

  /**
   * @param clusterRequiresMfa whether every user needs TOTP ({@code outpost.auth.require-mfa}),
   *     whatever their roles say
   */
  public PasswordLogin(PasswordAuthentication authentication, RoleDirectory roles,
      boolean clusterRequiresMfa, WebSessionRepository sessions, CertificateAuthorities cas,
      AuditRecorder audit, Clock clock, SecureRandom random) {
    this.authentication = authentication;
    this.roles = roles;
    this.clusterRequiresMfa = clusterRequiresMfa;
    this.sessions = sessions;
    this.cas = cas;
    this.audit = audit;
    this.clock = clock;
    this.random = random;
  }

  public LoginResponse login(LoginCommand command, String remoteAddr) {
    Instant now = clock.instant();
    AuditRecord attempt = AuditRecord.success(AuditEventType.USER_LOGIN)
        .actor(command.user().value())
        .remoteAddr(remoteAddr);
    PasswordAuthentication.Authenticated authenticated = authentication.authenticate(
        command.user(), command.password(), command.totp(), now, attempt);
    User user = authenticated.user();
    RoleSet roleSet = roles.resolve(user.roles(), user.logins());
    if (roleSet.names().isEmpty()) {
      throw refused(attempt, "none of the user's roles exists any more",
          OutpostException.forbidden(NO_ROLE));
    }
    if ((clusterRequiresMfa || roleSet.requiresMfa()) && user.totpSecret().isEmpty()) {
      throw refused(attempt, "second factor required "
          + (clusterRequiresMfa ? "by the cluster" : "by a role") + " but not enrolled",
          OutpostException.forbidden(MFA_REQUIRED));
    }
    user.loginSucceeded(authenticated.totpStep());
    Duration ttl = roleSet.capSessionTtl(command.ttl());
    Instant expires = now.plus(ttl);
    String token = SecretToken.generate(random, SESSION_TOKEN_BYTES);
    sessions.add(new WebSession(user, SecretToken.hash(token), now, expires, remoteAddr));
    LoginResponse response = issue(user, roleSet, command, token, now, ttl);
    audit.record(attempt.message("session and certificates valid until " + expires));
    return response;
  }

  /**
   * Signs the client's keys for {@code ttl}: the SSH certificate's principals are the logins the
   * roles grant, its extensions the roles and what they permit.
   */
  private LoginResponse issue(User user, RoleSet roleSet, LoginCommand command, String token,
      Instant now, Duration ttl) {
    try {
      String sshCertificate = cas.issueUserCertificate(command.sshKey(), user.name(),
          roleSet.logins(), new UserCertificatePermissions(cas.cluster(), roleSet.names(),
              roleSet.permitsPortForwarding(), roleSet.permitsFileCopy()), now, ttl);
      String tlsCertificate = command.tlsKey().isPresent()
          ? cas.issueClientCertificate(command.tlsKey().get(), user.name(), now, ttl)
          : null;
      return new LoginResponse(user.name(), cas.cluster(), roleSet.names(), roleSet.logins(),
          token, sshCertificate, tlsCertificate, cas.tls().certificatePem(),
          List.of(cas.hosts().publicKey()), now.plus(ttl));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the login certificates", e);
    }
  }

  private OutpostException refused(AuditRecord attempt, String reason, OutpostException error) {
    return authentication.refused(attempt, reason, error);
  }
}
