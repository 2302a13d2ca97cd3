package dev.outpost.application;

import dev.outpost.application.console.ConsoleCredentials;
import dev.outpost.application.console.ConsoleLogin;
import dev.outpost.application.console.ConsoleSessions;
import dev.outpost.application.login.PasswordCheck;
import dev.outpost.domain.session.WebSessionRepository;
import dev.outpost.domain.user.CredentialCheck;
import dev.outpost.domain.user.PasswordHasher;
import dev.outpost.domain.user.Totp;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.domain.user.UserRepository;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The web console: cookie sessions with CSRF tokens, and certificates for browser terminals. */
@Stateless
public class ConsoleService {

  /** Long enough to authenticate one SSH connection; the session outlives it, as with OpenSSH. */
  public static final Duration TERMINAL_CERTIFICATE_TTL = Duration.ofMinutes(1);

  @Inject
  private UserRepository users;

  @Inject
  private WebSessionRepository sessions;

  @Inject
  private Clock clock;

  @Inject
  private SecureRandom random;

  @EJB
  private CertificateAuthorityService cas;

  @EJB
  private LoginFailures failures;

  @EJB
  private AuditLog audit;

  private ConsoleSessions console;

  @PostConstruct
  void wire() {
    PasswordCheck passwords = new PasswordCheck(users,
        new CredentialCheck(new PasswordHasher(random), Totp.STANDARD), failures::recordFailure,
        audit::record);
    console = new ConsoleSessions(sessions, passwords, audit::record, clock, random);
  }

  /** @throws dev.outpost.domain.shared.OutpostException UNAUTHENTICATED or LOCKED */
  public ConsoleLogin login(ConsoleCredentials credentials, String remoteAddr) {
    return console.login(credentials, remoteAddr);
  }

  /** The identity behind a session cookie, for reading. */
  public UserIdentity authenticate(String sessionToken) {
    return console.authenticate(sessionToken);
  }

  /** The identity behind a session cookie and its CSRF token, for changing something. */
  public UserIdentity authorize(String sessionToken, String csrfToken) {
    return console.authorize(sessionToken, csrfToken);
  }

  public void logout(String sessionToken, String csrfToken) {
    console.logout(sessionToken, csrfToken);
  }

  /**
   * A user certificate for one browser terminal: the key pair is the proxy's, made for this
   * session alone; the only principal is the login the access decision allowed, and it expires
   * within a minute.
   */
  public String terminalCertificate(UserIdentity user, PublicKey key, String login) {
    try {
      return cas.authorities().issueUserCertificate(key, user.user(), List.of(login),
          clock.instant(), TERMINAL_CERTIFICATE_TTL);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a terminal certificate", e);
    }
  }
}
