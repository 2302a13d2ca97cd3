package dev.outpost.application.sso;

import dev.outpost.domain.role.RoleDirectory;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.sso.ConnectorRepository;
import dev.outpost.domain.sso.OidcConnector;
import dev.outpost.domain.sso.StoredConnector;
import dev.outpost.domain.sso.SsoPurpose;
import dev.outpost.domain.sso.SsoRequest;
import dev.outpost.domain.user.UserRepository;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Single sign-on with OpenID Connect's authorization code flow and PKCE: {@link #begin} sends the
 * user to the provider, {@link #complete} redeems the code the provider sent back (its state
 * taken off the books by {@link SignInRequests}), checks the ID token and signs the user in
 * through {@link SsoAccounts}. Sessions and certificates are the caller's business, as for a
 * password login.
 */
public final class SsoLogin {

  private final ConnectorRepository connectors;
  private final SignInRequests requests;
  private final SsoAccounts accounts;
  private final Function<OidcConnector, IdentityProvider> providers;
  private final UnaryOperator<String> openSecret;
  private final URI defaultRedirect;
  private final Clock clock;

  /**
   * @param providers the identity provider of a connector (discovered and cached)
   * @param openSecret opens a sealed client secret
   * @param defaultRedirect the proxy's own callback, allowed when a connector lists no URLs
   */
  public SsoLogin(ConnectorRepository connectors, SignInRequests requests, UserRepository users,
      RoleDirectory roles, Function<OidcConnector, IdentityProvider> providers,
      UnaryOperator<String> openSecret, URI defaultRedirect, Clock clock) {
    this.connectors = connectors;
    this.requests = requests;
    this.accounts = new SsoAccounts(users, roles);
    this.providers = providers;
    this.openSecret = openSecret;
    this.defaultRedirect = defaultRedirect;
    this.clock = clock;
  }

  /** The connectors users may sign in with: name and display name. */
  public List<OidcConnector> connectors() {
    return connectors.list().stream().map(StoredConnector::connector).toList();
  }

  /**
   * Opens an authorization request at the connector's provider.
   *
   * @param redirectUri null for the proxy's own callback
   * @throws OutpostException NOT_FOUND for an unknown connector
   * @throws SsoRefusal for a redirect URL off the allowlist or an unreachable provider
   */
  public SignInStart begin(String connectorName, SsoPurpose purpose, URI redirectUri) {
    IdentityProvider provider = providers.apply(connector(connectorName).connector());
    return requests.open(provider, purpose, redirectUri == null ? defaultRedirect : redirectUri,
        defaultRedirect);
  }

  /**
   * Redeems the provider's code for the request that {@code pending} was, and signs the user in.
   *
   * @throws SsoRefusal when the provider or a check refuses, or the user maps to no role
   */
  public SignedIn complete(PendingSignIn pending, String code) {
    if (code == null || code.isBlank() || code.length() > 2048) {
      throw new SsoRefusal("no authorization code in the provider's answer");
    }
    StoredConnector stored = connectors.find(pending.connector())
        .orElseThrow(() -> new SsoRefusal("connector " + pending.connector()
            + " was removed during the sign-in"));
    IdentityProvider provider = providers.apply(stored.connector());
    VerifiedIdentity identity = provider.redeem(code, pending.redirectUri(), pending.codeVerifier(),
        pending.nonce(), openSecret.apply(stored.clientSecretSealed()));
    return accounts.signIn(stored.connector(), identity, clock.instant());
  }

  /**
   * Starts a device authorization grant (RFC 8628) at the connector's provider.
   *
   * @throws SsoRefusal when the provider has no device endpoint or refuses
   */
  public DeviceSignIn beginDevice(String connectorName) {
    StoredConnector stored = connector(connectorName);
    IdentityProvider provider = providers.apply(stored.connector());
    DeviceAuthorization device = provider.startDevice(openSecret.apply(
        stored.clientSecretSealed()));
    return new DeviceSignIn(requests.openDevice(provider, device), device);
  }

  /**
   * Asks the provider once whether the user of {@code handle}'s device grant has signed in, and
   * signs them in when so; the handle is spent then.
   *
   * @return empty while the user has not yet decided
   * @throws SsoRefusal for a spent or expired handle, a denial, or a failed check
   */
  public Optional<SignedIn> pollDevice(String handle) {
    SsoRequest request = requests.openDeviceRequest(handle);
    StoredConnector stored = connectors.find(request.connector())
        .orElseThrow(() -> new SsoRefusal("connector " + request.connector()
            + " was removed during the sign-in"));
    Optional<VerifiedIdentity> identity = providers.apply(stored.connector())
        .pollDevice(request.deviceCode(), openSecret.apply(stored.clientSecretSealed()));
    if (identity.isEmpty()) {
      return Optional.empty();
    }
    request.use(clock.instant());
    return Optional.of(accounts.signIn(stored.connector(), identity.get(), clock.instant()));
  }

  /**
   * The provider's logout URL for a user of connector {@code connectorName}, back to
   * {@code afterLogout}; empty when the connector is gone or its provider has no end-session
   * endpoint.
   *
   * @throws SsoRefusal when the provider cannot be reached
   */
  public Optional<URI> logoutUrl(String connectorName, URI afterLogout) {
    return connectors.find(connectorName)
        .flatMap(stored -> providers.apply(stored.connector()).logoutUrl(afterLogout));
  }

  private StoredConnector connector(String name) {
    if (name == null || name.length() > 64) {
      throw OutpostException.badRequest("connector name is missing or too long");
    }
    return connectors.find(name)
        .orElseThrow(() -> OutpostException.notFound("no such SSO connector: " + name));
  }
}
