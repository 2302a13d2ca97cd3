package dev.outpost.application.sso;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationRequest;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationResponse;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.device.DeviceCode;
import com.nimbusds.oauth2.sdk.device.DeviceCodeGrant;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.outpost.domain.sso.OidcConnector;
import dev.outpost.domain.sso.SsoClaims;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One identity provider as a connector sees it: its discovery document (the issuer in it must be
 * the connector's, OpenID Connect Discovery 4.3), its JWKS behind an {@link IdTokenCheck}, the
 * authorization URL of a code flow with PKCE (S256) and the code exchange at the token endpoint
 * with the client secret (HTTP basic).
 */
final class OidcProvider implements IdentityProvider {

  static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Scope SCOPE = new Scope("openid", "profile", "email");

  private final OidcConnector connector;
  private final OIDCProviderMetadata metadata;
  private final IdTokenCheck idTokens;
  private final Clock clock;

  private OidcProvider(OidcConnector connector, OIDCProviderMetadata metadata,
      IdTokenCheck idTokens, Clock clock) {
    this.connector = connector;
    this.clock = clock;
    this.metadata = metadata;
    this.idTokens = idTokens;
  }

  /**
   * Reads the provider's discovery document.
   *
   * @throws SsoRefusal when it cannot be fetched or names another issuer
   */
  static OidcProvider discover(OidcConnector connector, Clock clock) {
    Issuer issuer = new Issuer(connector.issuer());
    OIDCProviderMetadata metadata;
    try {
      metadata = OIDCProviderMetadata.resolve(issuer, (int) TIMEOUT.toMillis(),
          (int) TIMEOUT.toMillis());
    } catch (GeneralException | IOException e) {
      throw new SsoRefusal("discovery at " + connector.issuer() + " failed: " + e.getMessage(),
          "the identity provider cannot be reached; try again later");
    }
    if (metadata.getJWKSetURI() == null || metadata.getTokenEndpointURI() == null) {
      throw new SsoRefusal("discovery document of " + issuer + " names no JWKS or token endpoint");
    }
    JWKSource<SecurityContext> keys;
    try {
      keys = JWKSourceBuilder.create(metadata.getJWKSetURI().toURL()).build();
    } catch (MalformedURLException e) {
      throw new SsoRefusal("JWKS URL of " + issuer + " is not a URL: " + e.getMessage());
    }
    return new OidcProvider(connector, metadata, new IdTokenCheck(issuer,
        new ClientID(connector.clientId()),
        metadata.getIDTokenJWSAlgs() == null ? List.of() : metadata.getIDTokenJWSAlgs(), keys,
        clock), clock);
  }

  @Override
  public OidcConnector connector() {
    return connector;
  }

  /** Where to send the browser: the provider's login page for this request. */
  @Override
  public URI authorizationUrl(String state, String nonce, String codeVerifier, URI redirectUri) {
    return new AuthenticationRequest.Builder(ResponseType.CODE, SCOPE,
        new ClientID(connector.clientId()), redirectUri)
        .endpointURI(metadata.getAuthorizationEndpointURI())
        .state(new State(state))
        .nonce(new Nonce(nonce))
        .codeChallenge(new CodeVerifier(codeVerifier), CodeChallengeMethod.S256)
        .build()
        .toURI();
  }

  @Override
  public Optional<URI> logoutUrl(URI afterLogout) {
    return Optional.ofNullable(metadata.getEndSessionEndpointURI()).map(endpoint ->
        new LogoutRequest(endpoint, null, null, new ClientID(connector.clientId()), afterLogout,
            null, null).toURI());
  }

  /**
   * Keycloak says how long the user's session lasts in {@code refresh_expires_in} (seconds);
   * other providers say nothing, and then only the roles bound the certificates.
   */
  private Optional<Instant> sessionEnd(Object refreshExpiresIn) {
    return refreshExpiresIn instanceof Number seconds && seconds.longValue() > 0
        ? Optional.of(clock.instant().plusSeconds(seconds.longValue())) : Optional.empty();
  }

  /**
   * Exchanges the authorization code for tokens and checks the ID token.
   *
   * @throws SsoRefusal when the provider refuses the code or the ID token fails a check
   */
  @Override
  public VerifiedIdentity redeem(String code, URI redirectUri, String codeVerifier, String nonce,
      String clientSecret) {
    TokenResponse response = tokens(new AuthorizationCodeGrant(new AuthorizationCode(code),
        redirectUri, new CodeVerifier(codeVerifier)), clientSecret);
    if (!response.indicatesSuccess()) {
      throw new SsoRefusal("token endpoint refused the code: "
          + response.toErrorResponse().getErrorObject().getCode());
    }
    return verified((OIDCTokenResponse) response.toSuccessResponse(), nonce);
  }

  @Override
  public DeviceAuthorization startDevice(String clientSecret) {
    URI endpoint = metadata.getDeviceAuthorizationEndpointURI();
    if (endpoint == null) {
      throw new SsoRefusal("provider " + connector.issuer() + " has no device authorization "
          + "endpoint", connector.display() + " does not offer sign-in for headless devices");
    }
    DeviceAuthorizationResponse response;
    try {
      response = DeviceAuthorizationResponse.parse(send(new DeviceAuthorizationRequest(endpoint,
          secretBasic(clientSecret), SCOPE, Map.of()).toHTTPRequest()));
    } catch (IOException | ParseException e) {
      throw unreachable("device authorization endpoint", e);
    }
    if (!response.indicatesSuccess()) {
      throw new SsoRefusal("device authorization refused: "
          + response.toErrorResponse().getErrorObject().getCode());
    }
    DeviceAuthorizationSuccessResponse device = response.toSuccessResponse();
    return new DeviceAuthorization(device.getDeviceCode().getValue(),
        device.getUserCode().getValue(), device.getVerificationURI(),
        Optional.ofNullable(device.getVerificationURIComplete()),
        Duration.ofSeconds(Math.max(device.getInterval(), 1)),
        Duration.ofSeconds(device.getLifetime()));
  }

  @Override
  public Optional<VerifiedIdentity> pollDevice(String deviceCode, String clientSecret) {
    TokenResponse response = tokens(new DeviceCodeGrant(new DeviceCode(deviceCode)),
        clientSecret);
    if (!response.indicatesSuccess()) {
      String error = response.toErrorResponse().getErrorObject().getCode();
      if ("authorization_pending".equals(error) || "slow_down".equals(error)) {
        return Optional.empty();
      }
      throw new SsoRefusal("device sign-in ended: " + error, "the sign-in at "
          + connector.display() + " ended (" + error + "): start again");
    }
    // No nonce in a device grant: the device code binds the tokens to this request.
    return Optional.of(verified((OIDCTokenResponse) response.toSuccessResponse(), null));
  }

  private TokenResponse tokens(AuthorizationGrant grant, String clientSecret) {
    try {
      return OIDCTokenResponseParser.parse(send(new TokenRequest(metadata.getTokenEndpointURI(),
          secretBasic(clientSecret), grant).toHTTPRequest()));
    } catch (IOException | ParseException e) {
      throw unreachable("token endpoint", e);
    }
  }

  private VerifiedIdentity verified(OIDCTokenResponse tokens, String nonce) {
    if (tokens.getOIDCTokens().getIDToken() == null) {
      throw new SsoRefusal("token response carries no ID token");
    }
    SsoClaims claims = idTokens.verify(tokens.getOIDCTokens().getIDTokenString(), nonce);
    return new VerifiedIdentity(claims, sessionEnd(tokens.getCustomParameters().get(
        "refresh_expires_in")));
  }

  private ClientSecretBasic secretBasic(String clientSecret) {
    return new ClientSecretBasic(new ClientID(connector.clientId()), new Secret(clientSecret));
  }

  private static HTTPResponse send(HTTPRequest http) throws IOException {
    http.setConnectTimeout((int) TIMEOUT.toMillis());
    http.setReadTimeout((int) TIMEOUT.toMillis());
    return http.send();
  }

  private SsoRefusal unreachable(String what, Exception e) {
    return new SsoRefusal(what + " of " + connector.issuer() + " failed: " + e.getMessage(),
        "the identity provider cannot be reached; try again later");
  }
}
