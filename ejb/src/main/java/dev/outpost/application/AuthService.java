package dev.outpost.application;

import dev.outpost.api.LoginRequest;
import dev.outpost.api.LoginResponse;
import dev.outpost.api.TotpEnrollmentRequest;
import dev.outpost.api.TotpSecretOffer;
import dev.outpost.api.TotpSecretRequest;
import dev.outpost.application.access.CertificateUsers;
import dev.outpost.application.console.ConsoleCredentials;
import dev.outpost.application.console.ConsoleLogin;
import dev.outpost.application.console.ConsoleSessions;
import dev.outpost.application.login.BearerSessions;
import dev.outpost.application.login.ClientKeys;
import dev.outpost.application.login.LoginCommand;
import dev.outpost.application.login.PasswordAuthentication;
import dev.outpost.application.login.PasswordCheck;
import dev.outpost.application.login.PasswordLogin;
import dev.outpost.application.login.SessionCertificates;
import dev.outpost.application.login.TotpEnrollment;
import dev.outpost.ca.CertificateAuthorities;
import dev.outpost.config.OutpostConfig;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.role.RoleDirectory;
import dev.outpost.domain.role.RoleRepository;
import dev.outpost.domain.role.RoleSet;
import dev.outpost.domain.session.WebSession;
import dev.outpost.domain.session.WebSessionRepository;
import dev.outpost.domain.user.CredentialCheck;
import dev.outpost.domain.user.PasswordHasher;
import dev.outpost.domain.user.Totp;
import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.domain.user.UserRepository;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Login, TOTP enrolment, bearer authentication and logout: for the CLI's bearer sessions and the
 * web console's.
 */
@Stateless
public class AuthService {

  @Inject
  private UserRepository users;

  @Inject
  private RoleRepository roles;

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

  @Inject
  private OutpostConfig config;

  private PasswordLogin passwordLogin;
  private TotpEnrollment totpEnrollment;
  private BearerSessions bearerSessions;
  private ConsoleSessions consoleSessions;
  private SessionCertificates certificates;

  @PostConstruct
  void wire() {
    RoleDirectory roleDirectory = new RoleDirectory(roles);
    PasswordAuthentication authentication = new PasswordAuthentication(users,
        new CredentialCheck(new PasswordHasher(random), Totp.STANDARD), failures::recordFailure,
        audit::record);
    PasswordCheck passwords =
        new PasswordCheck(authentication, roleDirectory, config.requireMfa());
    certificates = new SessionCertificates(sessions, cas.authorities(), random);
    passwordLogin = new PasswordLogin(passwords, roleDirectory, certificates, audit::record, clock);
    totpEnrollment = new TotpEnrollment(authentication, Totp.STANDARD, config.clusterName(),
        audit::record, clock, random);
    bearerSessions = new BearerSessions(sessions, audit::record, clock);
    consoleSessions = new ConsoleSessions(sessions, passwords, roleDirectory, audit::record,
        clock, random);
  }

  /**
   * Checks the password (and TOTP), opens a session and signs the client's keys.
   *
   * @throws dev.outpost.domain.shared.OutpostException BAD_REQUEST, UNAUTHENTICATED or LOCKED
   */
  public LoginResponse login(LoginRequest request, String remoteAddr) {
    return passwordLogin.login(LoginCommand.from(request), remoteAddr);
  }

  /** A fresh TOTP secret for {@code user} to enrol; stores nothing. */
  public TotpSecretOffer offerTotpSecret(TotpSecretRequest request) {
    return totpEnrollment.offer(request.user());
  }

  /**
   * Enrols a TOTP secret for a user who proves their password (and current code, if any).
   *
   * @throws dev.outpost.domain.shared.OutpostException BAD_REQUEST, UNAUTHENTICATED or LOCKED
   */
  public void enrollTotp(TotpEnrollmentRequest request, String remoteAddr) {
    totpEnrollment.enroll(request, remoteAddr);
  }

  /**
   * Opens a bearer session for a user a single sign-on vouched for and signs the client's keys,
   * both for {@code ttl}.
   */
  public LoginResponse issueCertificates(User user, RoleSet roleSet, ClientKeys keys,
      Duration ttl, String remoteAddr) {
    return certificates.issue(user, roleSet, keys, ttl, clock.instant(), remoteAddr);
  }

  /**
   * The identity behind a TLS client certificate of this cluster's CA, until it expires: scripts
   * call the REST API with the login's certificate ({@code curl --cert}).
   *
   * @throws dev.outpost.domain.shared.OutpostException UNAUTHENTICATED naming the failed check
   */
  public UserIdentity authenticateCertificate(X509Certificate[] chain) {
    CertificateAuthorities authorities = cas.authorities();
    return new CertificateUsers(users)
        .user(chain, authorities.tls().certificate(), authorities.cluster(), clock.instant())
        .identity(chain[0].getNotAfter().toInstant());
  }

  /** The identity behind a bearer token; UNAUTHENTICATED when it is unknown or expired. */
  public UserIdentity authenticate(String bearer) {
    return bearerSessions.authenticate(bearer);
  }

  /** Revokes the session of a bearer token. */
  public void logout(String bearer) {
    bearerSessions.logout(bearer);
  }

  /**
   * Checks the password (and TOTP) and opens a web console session.
   *
   * @throws dev.outpost.domain.shared.OutpostException UNAUTHENTICATED or LOCKED
   */
  public ConsoleLogin consoleLogin(ConsoleCredentials credentials, String remoteAddr) {
    return consoleSessions.login(credentials, remoteAddr);
  }

  /**
   * Opens a console session for a user a single sign-on vouched for; audited as {@code success}
   * with {@code how} before the session's terms.
   */
  public ConsoleLogin consoleOpen(User user, String remoteAddr, AuditRecord success, String how) {
    return consoleSessions.open(user, remoteAddr, success, how);
  }

  /** The identity behind a console session cookie, for reading. */
  public UserIdentity consoleReader(String sessionToken) {
    return consoleSessions.authenticate(sessionToken);
  }

  /** The identity behind a console session cookie and its CSRF token, for changing something. */
  public UserIdentity consoleWriter(String sessionToken, String csrfToken) {
    return consoleSessions.authorize(sessionToken, csrfToken);
  }

  /** The console session itself, as {@link #consoleWriter}: for what is bound to it. */
  public WebSession consoleSession(String sessionToken, String csrfToken) {
    return consoleSessions.authorizedSession(sessionToken, csrfToken);
  }

  /**
   * Ends a console session at once.
   *
   * @return the single sign-on connector the user signed in with, if any
   */
  public Optional<String> consoleLogout(String sessionToken, String csrfToken) {
    return consoleSessions.logout(sessionToken, csrfToken).ssoConnector();
  }
}
