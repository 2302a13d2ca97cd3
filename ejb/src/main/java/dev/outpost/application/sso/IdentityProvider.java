package dev.outpost.application.sso;

import dev.outpost.domain.sso.OidcConnector;
import java.net.URI;
import java.util.Optional;

/** What a sign-in needs of an identity provider: its login page, and the code redeemed. */
interface IdentityProvider {

  OidcConnector connector();

  /** The provider's authorization URL for a code flow with PKCE (S256). */
  URI authorizationUrl(String state, String nonce, String codeVerifier, URI redirectUri);

  /**
   * The verified claims of the ID token that the code is exchanged for, and the end of the
   * provider's session.
   *
   * @throws SsoRefusal when the code is refused or the ID token fails a check
   */
  VerifiedIdentity redeem(String code, URI redirectUri, String codeVerifier, String nonce,
      String clientSecret);

  /**
   * Starts a device authorization grant (RFC 8628).
   *
   * @throws SsoRefusal when the provider has no device endpoint or refuses
   */
  DeviceAuthorization startDevice(String clientSecret);

  /**
   * Asks the token endpoint once whether the user has approved the device code.
   *
   * @return empty while the user has not yet decided
   * @throws SsoRefusal when the user denied, the code expired, or the ID token fails a check
   */
  Optional<VerifiedIdentity> pollDevice(String deviceCode, String clientSecret);

  /**
   * Where to send a browser to end the user's session at the provider too (OpenID Connect
   * RP-initiated logout), coming back to {@code afterLogout}; empty when the provider has no
   * end-session endpoint.
   */
  Optional<URI> logoutUrl(URI afterLogout);
}
