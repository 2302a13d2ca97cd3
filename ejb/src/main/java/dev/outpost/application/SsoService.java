package dev.outpost.application;

import dev.outpost.api.ConnectorApplied;
import dev.outpost.api.ConnectorView;
import dev.outpost.application.console.ConsoleLogin;
import dev.outpost.application.sso.ConnectorAdministration;
import dev.outpost.application.sso.OidcProviders;
import dev.outpost.application.sso.SignInRequests;
import dev.outpost.application.sso.SignInStart;
import dev.outpost.application.sso.SignedIn;
import dev.outpost.application.sso.SsoLogin;
import dev.outpost.application.sso.SsoRefusal;
import dev.outpost.config.OutpostConfig;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.role.RoleDirectory;
import dev.outpost.domain.role.RoleRepository;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.sso.ConnectorRepository;
import dev.outpost.domain.sso.OidcConnector;
import dev.outpost.domain.sso.SsoPurpose;
import dev.outpost.domain.sso.SsoRequestRepository;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.domain.user.UserRepository;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

/**
 * Single sign-on through OpenID Connect connectors: their administration, and signing users in
 * to the web console. A singleton so that discovered providers (and their JWKS caches) are kept
 * between sign-ins; every piece it holds is safe to share between threads.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SsoService {

  /** The console's callback, relative to the proxy's public address. */
  public static final String CONSOLE_CALLBACK = "/api/v1/console/sso/callback";

  @Inject
  private ConnectorRepository connectors;

  @Inject
  private SsoRequestRepository requests;

  @Inject
  private UserRepository users;

  @Inject
  private RoleRepository roles;

  @Inject
  private OutpostConfig config;

  @Inject
  private Clock clock;

  @Inject
  private SecureRandom random;

  @EJB
  private CertificateAuthorityService cas;

  @EJB
  private SsoRequestLedger ledger;

  @EJB
  private AuditLog audit;

  @EJB
  private AuthService auth;

  private ConnectorAdministration administration;
  private SsoLogin login;

  @PostConstruct
  void wire() {
    administration = new ConnectorAdministration(connectors, this::seal, audit::record, clock);
    login = new SsoLogin(connectors, new SignInRequests(requests, clock, random), users,
        new RoleDirectory(roles), new OidcProviders(clock), this::open,
        URI.create("https://" + config.publicAddr() + CONSOLE_CALLBACK), clock);
  }

  public ConnectorApplied apply(UserIdentity admin, String resource) {
    return administration.apply(admin, resource);
  }

  public List<ConnectorView> list(UserIdentity admin) {
    return administration.list(admin);
  }

  public void remove(UserIdentity admin, String name) {
    administration.remove(admin, name);
  }

  /** The connectors anyone may sign in with. */
  public List<OidcConnector> connectors() {
    return login.connectors();
  }

  /**
   * Starts a console sign-in at {@code connector}'s provider, returning to {@code redirectUri}.
   *
   * @throws OutpostException NOT_FOUND, or FORBIDDEN for a redirect URL off the allowlist
   */
  public SignInStart beginConsole(String connector, URI redirectUri, String remoteAddr) {
    try {
      return login.begin(connector, SsoPurpose.CONSOLE, redirectUri);
    } catch (SsoRefusal refusal) {
      throw refused(connector, refusal, remoteAddr);
    }
  }

  /**
   * Completes a console sign-in and opens its session; audited as {@code user.login} with
   * {@code method=oidc} and the connector, refusals as {@code user.login.failure}.
   *
   * @throws OutpostException UNAUTHENTICATED, or FORBIDDEN for a user without a mapped role
   */
  public ConsoleLogin completeConsole(String state, String code, String remoteAddr) {
    String connector = "?";
    try {
      var pending = ledger.take(state, SsoPurpose.CONSOLE);
      connector = pending.connector();
      SignedIn signedIn = login.complete(pending, code);
      return auth.consoleOpen(signedIn.user(), remoteAddr,
          AuditRecord.success(AuditEventType.USER_LOGIN).actor(signedIn.user().name())
              .remoteAddr(remoteAddr),
          "method=oidc connector=" + connector + " roles=" + signedIn.roles().names() + "; ");
    } catch (SsoRefusal refusal) {
      throw refused(connector, refusal, remoteAddr);
    }
  }

  private OutpostException refused(String connector, SsoRefusal refusal, String remoteAddr) {
    audit.record(AuditRecord.failure(AuditEventType.USER_LOGIN_FAILURE,
            "method=oidc connector=" + connector + ": " + refusal.reason())
        .remoteAddr(remoteAddr));
    return OutpostException.forbidden(refusal.userMessage());
  }

  private String seal(String secret) {
    try {
      return Base64.getEncoder().encodeToString(
          cas.vault().seal(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal the client secret", e);
    }
  }

  private String open(String sealed) {
    try {
      return new String(cas.vault().open(Base64.getDecoder().decode(sealed)),
          StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot open a stored client secret: " + e.getMessage(), e);
    }
  }
}
