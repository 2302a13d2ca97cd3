package dev.outpost.application.login;

import dev.outpost.api.LoginResponse;
import dev.outpost.ca.CertificateAuthorities;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRecorder;
import dev.outpost.domain.role.RoleDirectory;
import dev.outpost.domain.role.RoleSet;
import dev.outpost.domain.session.WebSession;
import dev.outpost.domain.session.WebSessionRepository;
import dev.outpost.domain.shared.SecretToken;
import dev.outpost.domain.user.User;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Password login: the {@link PasswordCheck} (lockout, password, TOTP, roles), then opens a
 * bearer session and signs the client's keys into certificates that expire with it, no later
 * than the shortest {@code max_session_ttl} of the user's roles. Every attempt is audited; the
 * user learns only that the credentials were wrong, the audit log learns why.
 */
public final class PasswordLogin {

  private static final int SESSION_TOKEN_BYTES = 32;

  private final RoleDirectory roles;
  private final WebSessionRepository sessions;
  private final PasswordCheck passwords;
  private final CertificateAuthorities cas;
  private final AuditRecorder audit;
  private final Clock clock;
  private final SecureRandom random;

  public PasswordLogin(PasswordCheck passwords, RoleDirectory roles, WebSessionRepository sessions,
      CertificateAuthorities cas, AuditRecorder audit, Clock clock, SecureRandom random) {
    this.roles = roles;
    this.sessions = sessions;
    this.passwords = passwords;
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
    User user = passwords.verify(command.user(), command.password(), command.totp(), attempt, now);
    RoleSet roleSet = roles.resolve(user.roles(), user.logins());
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
          roleSet.logins(), roleSet.certificatePermissions(cas.cluster()), now, ttl);
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
}
