package dev.outpost.application;

import dev.outpost.application.apps.AppCaller;
import dev.outpost.application.apps.AppCertificates;
import dev.outpost.application.apps.AppGrant;
import dev.outpost.application.apps.AppSessions;
import dev.outpost.application.apps.IdentityAssertionSigner;
import dev.outpost.application.apps.PublishedApp;
import dev.outpost.config.OutpostConfig;
import dev.outpost.domain.app.AppSessionRepository;
import dev.outpost.domain.lock.LockRepository;
import dev.outpost.domain.role.RoleDirectory;
import dev.outpost.domain.role.RoleRepository;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.domain.user.UserRepository;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Web app access: which apps a user may open, launches, app sessions and their audit. */
@Stateless
public class AppService {

  @Inject
  private AppSessionRepository sessions;

  @Inject
  private RoleRepository roles;

  @Inject
  private OutpostConfig config;

  @Inject
  private Clock clock;

  @Inject
  private SecureRandom random;

  @EJB
  private AuthService auth;

  @EJB
  private AuditLog audit;

  @EJB
  private CertificateAuthorityService cas;

  @Inject
  private UserRepository users;

  @Inject
  private LockRepository locks;

  private AppSessions apps;
  private AppCertificates certificates;
  private IdentityAssertionSigner assertions;

  @PostConstruct
  void wire() {
    assertions = new IdentityAssertionSigner(cas.jwtKey(), clock);
    apps = new AppSessions(auth::consoleSession, sessions, new RoleDirectory(roles), locks,
        audit::record, clock, random);
    certificates = new AppCertificates(cas::authorities, users, apps, audit::record, clock);
  }

  /** The domain apps are served under, if apps are served at all. */
  public Optional<String> appsDomain() {
    return config.appsDomain();
  }

  /** The public HTTPS port, also the apps' port. */
  public String publicAddr() {
    return config.publicAddr();
  }

  /** Of {@code published}, the apps {@code user} may open. */
  public List<PublishedApp> visible(UserIdentity user, List<PublishedApp> published) {
    return published.stream().filter(app -> apps.decide(user, app).allowed()).toList();
  }

  /** @see AppSessions#launch */
  public AppGrant launch(String consoleToken, String csrfToken, PublishedApp app,
      String remoteAddr) {
    return apps.launch(consoleToken, csrfToken, app, remoteAddr);
  }

  /** @see AppSessions#redeem */
  public AppGrant redeem(String code, PublishedApp app, String remoteAddr) {
    return apps.redeem(code, app, remoteAddr);
  }

  /** @see AppSessions#authenticate */
  public AppCaller authenticate(String token, PublishedApp app) {
    return apps.authenticate(token, app);
  }

  /** @see AppCertificates#issue */
  public String issueCertificate(UserIdentity user, PublishedApp app, String tlsPublicKey,
      String remoteAddr) {
    return certificates.issue(user, app, tlsPublicKey, remoteAddr);
  }

  /** @see AppSessions#startRemote */
  public void startRemote(UserIdentity user, PublishedApp app, UUID session, String remoteAddr) {
    apps.startRemote(user, app, session, remoteAddr);
  }

  /**
   * On a leaf: one request of a root user through the root; refused (and audited as {@code
   * access.denied}) unless this cluster's roles for the mapped roles allow {@code app}.
   */
  public void requireAllowed(UserIdentity user, PublishedApp app, String remoteAddr) {
    apps.requireAllowed(user, app, remoteAddr);
  }

  /** @see AppCertificates#authenticate */
  public AppCaller authenticate(X509Certificate certificate, PublishedApp app) {
    return certificates.authenticate(certificate, app);
  }

  /** The signed identity header for one request of {@code caller} to {@code app}. */
  public String identityAssertion(AppCaller caller, PublishedApp app, String issuer,
      String audience) {
    return assertions.sign(caller.identity(), app, issuer, audience);
  }

  /** The public keys of identity assertions, a JWK set. */
  public String jwks() {
    return cas.jwtKey().publicJwkSet();
  }

  /** Audits a finished request as {@code app.request}, sampled at the configured rate. */
  public void requestDone(AppCaller caller, PublishedApp app, String method, String path,
      int status) {
    apps.requestDone(caller, app, method, path, status, config.appRequestAuditRate(),
        ThreadLocalRandom.current());
  }
}
