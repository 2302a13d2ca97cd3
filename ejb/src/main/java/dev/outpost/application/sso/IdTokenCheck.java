package dev.outpost.application.sso;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.outpost.domain.sso.SsoClaims;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks an ID token the way OpenID Connect Core 3.1.3.7 says: signed with one of the provider's
 * asymmetric algorithms by a key of its JWKS (fetched, cached and refetched for an unknown key
 * id, so that rotation works), issued by the connector's issuer for its client id, with
 * {@code exp}, {@code iat} and {@code nbf} within {@link #MAX_CLOCK_SKEW}, and carrying the
 * nonce of this very request. Unsigned tokens ({@code alg=none}) and HMAC algorithms are never
 * accepted: an HMAC key would be the public key or the client secret, which others may know.
 */
public final class IdTokenCheck {

  /** How far the proxy's and the provider's clocks may disagree. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);
  /** Asymmetric signature algorithms only. */
  static final Set<JWSAlgorithm.Family> ACCEPTED_FAMILIES = Set.of(JWSAlgorithm.Family.RSA,
      JWSAlgorithm.Family.EC, JWSAlgorithm.Family.ED);
  private static final int MAX_TOKEN_LENGTH = 16 * 1024;

  private final IDTokenValidator validator;
  private final Clock clock;

  /**
   * @param algorithms what the provider announces; everything but asymmetric algorithms is
   *     dropped, and RS256 (which every provider must support) is used when nothing is left
   */
  public IdTokenCheck(Issuer issuer, ClientID clientId, List<JWSAlgorithm> algorithms,
      JWKSource<SecurityContext> keys, Clock clock) {
    this.clock = clock;
    Set<JWSAlgorithm> accepted = algorithms.stream()
        .filter(alg -> ACCEPTED_FAMILIES.stream().anyMatch(family -> family.contains(alg)))
        .collect(Collectors.toUnmodifiableSet());
    validator = new IDTokenValidator(issuer, clientId,
        new JWSVerificationKeySelector<>(accepted.isEmpty() ? Set.of(JWSAlgorithm.RS256)
            : accepted, keys), null);
    validator.setMaxClockSkew((int) MAX_CLOCK_SKEW.toSeconds());
  }

  /**
   * The claims of a valid ID token.
   *
   * @param nonce the request's nonce; null for a device grant, which sends none
   * @throws SsoRefusal naming the check that failed
   */
  public SsoClaims verify(String idToken, String nonce) {
    if (idToken == null || idToken.length() > MAX_TOKEN_LENGTH) {
      throw new SsoRefusal("ID token missing or longer than " + MAX_TOKEN_LENGTH + " characters");
    }
    try {
      JWT jwt = JWTParser.parse(idToken);
      IDTokenClaimsSet claims = validator.validate(jwt, nonce == null ? null : new Nonce(nonce));
      // The validator checks exp and iat but not nbf, which a provider may send.
      Date notBefore = claims.getDateClaim("nbf");
      if (notBefore != null
          && notBefore.toInstant().isAfter(clock.instant().plus(MAX_CLOCK_SKEW))) {
        throw new SsoRefusal("ID token refused: JWT before use time (nbf " + notBefore.toInstant()
            + ")");
      }
      return new SsoClaims(claims.toJWTClaimsSet().getClaims());
    } catch (ParseException e) {
      throw new SsoRefusal("ID token is not a JWT: " + e.getMessage());
    } catch (BadJOSEException | JOSEException e) {
      throw new SsoRefusal("ID token refused: " + e.getMessage());
    } catch (com.nimbusds.oauth2.sdk.ParseException e) {
      throw new SsoRefusal("ID token claims are malformed: " + e.getMessage());
    }
  }
}
