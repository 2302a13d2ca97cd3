package dev.outpost.application.login;

import dev.outpost.api.LoginResponse;
import dev.outpost.ca.CertificateAuthorities;
import dev.outpost.domain.role.RoleSet;
import dev.outpost.domain.session.WebSession;
import dev.outpost.domain.session.WebSessionRepository;
import dev.outpost.domain.shared.SecretToken;
import dev.outpost.domain.user.User;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

/**
 * What every CLI login ends with, however the user proved who they are: a bearer session and the
 * client's keys signed into certificates that expire with it. The SSH certificate's principals
 * are the logins the roles grant, its extensions the roles and what they permit.
 */
public final class SessionCertificates {

  private static final int SESSION_TOKEN_BYTES = 32;

  private final WebSessionRepository sessions;
  private final CertificateAuthorities cas;
  private final SecureRandom random;

  public SessionCertificates(WebSessionRepository sessions, CertificateAuthorities cas,
      SecureRandom random) {
    this.sessions = sessions;
    this.cas = cas;
    this.random = random;
  }

  /** Opens a session of {@code ttl} for {@code user} and signs {@code keys} for as long. */
  public LoginResponse issue(User user, RoleSet roleSet, ClientKeys keys, Duration ttl,
      Instant now, String remoteAddr) {
    String token = SecretToken.generate(random, SESSION_TOKEN_BYTES);
    sessions.add(new WebSession(user, SecretToken.hash(token), now, now.plus(ttl), remoteAddr));
    try {
      String sshCertificate = cas.issueUserCertificate(keys.sshKey(), user.name(),
          roleSet.logins(), roleSet.certificatePermissions(cas.cluster()), now, ttl);
      String tlsCertificate = keys.tlsKey().isPresent()
          ? cas.issueClientCertificate(keys.tlsKey().get(), user.name(), now, ttl)
          : null;
      return new LoginResponse(user.name(), cas.cluster(), roleSet.names(), roleSet.logins(),
          token, sshCertificate, tlsCertificate, cas.tls().certificatePem(),
          cas.hosts().trustedKeyLines(now), now.plus(ttl));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the login certificates", e);
    }
  }
}
