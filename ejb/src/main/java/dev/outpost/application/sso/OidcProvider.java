package dev.outpost.application.sso;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
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
    TokenRequest request = new TokenRequest(metadata.getTokenEndpointURI(),
        new ClientSecretBasic(new ClientID(connector.clientId()), new Secret(clientSecret)),
        new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri,
            new CodeVerifier(codeVerifier)));
    TokenResponse response;
    try {
      HTTPRequest http = request.toHTTPRequest();
      http.setConnectTimeout((int) TIMEOUT.toMillis());
      http.setReadTimeout((int) TIMEOUT.toMillis());
      response = OIDCTokenResponseParser.parse(http.send());
    } catch (IOException | ParseException e) {
      throw new SsoRefusal("token endpoint of " + connector.issuer() + " failed: "
          + e.getMessage(), "the identity provider cannot be reached; try again later");
    }
    if (!response.indicatesSuccess()) {
      throw new SsoRefusal("token endpoint refused the code: "
          + response.toErrorResponse().getErrorObject().getCode());
    }
    OIDCTokenResponse tokens = (OIDCTokenResponse) response.toSuccessResponse();
    if (tokens.getOIDCTokens().getIDToken() == null) {
      throw new SsoRefusal("token response carries no ID token");
    }
    SsoClaims claims = idTokens.verify(tokens.getOIDCTokens().getIDTokenString(), nonce);
    return new VerifiedIdentity(claims, sessionEnd(tokens.getCustomParameters().get(
        "refresh_expires_in")));
  }
}
