package dev.outpost.application;

import dev.outpost.api.ConnectorApplied;
import dev.outpost.api.ConnectorView;
import dev.outpost.api.LoginResponse;
import dev.outpost.api.SsoCliLogin;
import dev.outpost.api.SsoCliStart;
import dev.outpost.api.SsoCliStarted;
import dev.outpost.api.SsoDeviceLogin;
import dev.outpost.api.SsoDevicePoll;
import dev.outpost.api.SsoDeviceStart;
import dev.outpost.api.SsoDeviceStarted;
import dev.outpost.application.login.ClientKeys;
import dev.outpost.application.console.ConsoleLogin;
import dev.outpost.application.sso.ConnectorAdministration;
import dev.outpost.application.sso.DeviceAuthorization;
import dev.outpost.application.sso.DeviceSignIn;
import dev.outpost.application.sso.OidcProviders;
import dev.outpost.application.sso.PendingSignIn;
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
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Single sign-on through OpenID Connect connectors: their administration, and signing users in
 * to the web console. A singleton so that discovered providers (and their JWKS caches) are kept
 * between sign-ins; every piece it holds is safe to share between threads.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SsoService {

  private static final Logger LOG = Logger.getLogger(SsoService.class.getName());

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
   * Where a user of {@code connector} may end their session at the provider too, coming back to
   * {@code afterLogout}; empty when the provider offers no logout or cannot be reached (the
   * Outpost session is over either way).
   */
  public Optional<URI> logoutUrl(String connector, URI afterLogout) {
    try {
      return login.logoutUrl(connector, afterLogout);
    } catch (SsoRefusal refusal) {
      LOG.warning(() -> "no logout offered for connector " + connector + ": " + refusal.getMessage());
      return Optional.empty();
    }
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
      PendingSignIn pending = ledger.take(state, SsoPurpose.CONSOLE);
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

  /**
   * Starts a CLI sign-in that returns to the CLI's loopback listener.
   *
   * @throws OutpostException NOT_FOUND, BAD_REQUEST, or FORBIDDEN for a redirect URL off the
   *     allowlist
   */
  public SsoCliStarted beginCli(SsoCliStart request, String remoteAddr) {
    if (request == null || request.redirectUri() == null) {
      throw OutpostException.badRequest("connector and redirect_uri are required");
    }
    URI redirect;
    try {
      redirect = new URI(request.redirectUri());
    } catch (URISyntaxException e) {
      throw OutpostException.badRequest("redirect_uri is not a URL: " + e.getReason());
    }
    try {
      SignInStart start = login.begin(request.connector(), SsoPurpose.CLI, redirect);
      return new SsoCliStarted(start.authorizationUrl().toString(), start.state());
    } catch (SsoRefusal refusal) {
      throw refused(request.connector(), refusal, remoteAddr);
    }
  }

  /**
   * Completes a CLI sign-in: a bearer session and certificates as for a password login, no longer
   * than the roles allow and than the user's session at the provider lasts; audited as
   * {@code user.login} with {@code method=oidc} and the connector.
   *
   * @throws OutpostException BAD_REQUEST for bad keys, FORBIDDEN when refused
   */
  public LoginResponse completeCli(SsoCliLogin request, String remoteAddr) {
    if (request == null) {
      throw OutpostException.badRequest("state, code and ssh_public_key are required");
    }
    // Checked before the state is spent, so that a typo costs no second sign-in.
    ClientKeys keys = ClientKeys.parse(request.sshPublicKey(), request.tlsPublicKey(),
        request.ttl());
    String connector = "?";
    try {
      PendingSignIn pending = ledger.take(request.state(), SsoPurpose.CLI);
      connector = pending.connector();
      SignedIn signedIn = login.complete(pending, request.code());
      return certificates(signedIn, keys, "loopback", remoteAddr);
    } catch (SsoRefusal refusal) {
      throw refused(connector, refusal, remoteAddr);
    }
  }

  /**
   * Starts a headless CLI sign-in: a device authorization grant (RFC 8628).
   *
   * @throws OutpostException NOT_FOUND, or FORBIDDEN when the provider refuses
   */
  public SsoDeviceStarted beginDevice(SsoDeviceStart request, String remoteAddr) {
    String connector = request == null ? null : request.connector();
    try {
      DeviceSignIn started = login.beginDevice(connector);
      DeviceAuthorization device = started.device();
      return new SsoDeviceStarted(started.handle(), device.userCode(),
          device.verificationUri().toString(),
          device.verificationUriComplete().map(URI::toString).orElse(null),
          device.interval().toSeconds(), clock.instant().plus(device.lifetime()));
    } catch (SsoRefusal refusal) {
      throw refused(connector, refusal, remoteAddr);
    }
  }

  /**
   * One poll of a headless CLI sign-in; once the user has signed in on the other device, a
   * session and certificates as for {@link #completeCli}.
   *
   * @throws OutpostException BAD_REQUEST for bad keys, FORBIDDEN when refused
   */
  public SsoDevicePoll pollDevice(SsoDeviceLogin request, String remoteAddr) {
    if (request == null) {
      throw OutpostException.badRequest("handle and ssh_public_key are required");
    }
    ClientKeys keys = ClientKeys.parse(request.sshPublicKey(), request.tlsPublicKey(),
        request.ttl());
    try {
      Optional<SignedIn> signedIn = login.pollDevice(request.handle());
      return signedIn.isEmpty() ? SsoDevicePoll.pending()
          : SsoDevicePoll.done(certificates(signedIn.get(), keys, "device grant", remoteAddr));
    } catch (SsoRefusal refusal) {
      throw refused("device", refusal, remoteAddr);
    }
  }

  private LoginResponse certificates(SignedIn signedIn, ClientKeys keys, String flow,
      String remoteAddr) {
    Duration ttl = signedIn.certificateTtl(keys.ttl(), ClientKeys.MIN_TTL, clock.instant());
    LoginResponse response = auth.issueCertificates(signedIn.user(), signedIn.roles(), keys,
        ttl, remoteAddr);
    audit.record(AuditRecord.success(AuditEventType.USER_LOGIN).actor(signedIn.user().name())
        .remoteAddr(remoteAddr).message("method=oidc connector=" + signedIn.connector().name()
            + " flow=" + flow + " roles=" + signedIn.roles().names()
            + "; session and certificates valid until " + response.expires()));
    return response;
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
