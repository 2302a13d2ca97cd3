package dev.outpost.application.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ID token checks, one refusal per way a token can be wrong; tokens are made here and signed
 * by a key the check knows (or another one).
 */
class IdTokenCheckTest {

  static final String ISSUER = "https://keycloak.example.com/realms/edge";
  static final String CLIENT = "outpost";
  static final String NONCE = "n-0S6_WzA2Mj";
  static RSAKey providerKey;
  static RSAKey otherKey;
  static IdTokenCheck check;

  @BeforeAll
  static void keys() throws JOSEException {
    providerKey = new RSAKeyGenerator(2048).keyID("k1").generate();
    otherKey = new RSAKeyGenerator(2048).keyID("k1").generate();
    check = new IdTokenCheck(new Issuer(ISSUER), new ClientID(CLIENT),
        List.of(JWSAlgorithm.RS256, JWSAlgorithm.HS256),
        new ImmutableJWKSet<>(new JWKSet(providerKey.toPublicJWK())), Clock.systemUTC());
  }

  @Test
  void acceptsAValidTokenAndReadsItsClaims() {
    var claims = check.verify(signed(providerKey, UnaryOperator.identity()), NONCE);
    assertEquals(List.of("alice"), claims.values("preferred_username"));
    assertEquals(List.of("field-techs", "edge-admins"), claims.values("groups"));
  }

  @Test
  void refusesATokenFromAnotherIssuer() {
    assertRefused("Unexpected JWT issuer", signed(providerKey,
        c -> c.issuer("https://evil.example.com/realms/edge")));
  }

  @Test
  void refusesATokenForAnotherAudience() {
    assertRefused("Unexpected JWT audience", signed(providerKey, c -> c.audience("other-app")));
  }

  @Test
  void refusesAnExpiredTokenBeyondTheClockSkew() {
    Instant past = Instant.now().minus(IdTokenCheck.MAX_CLOCK_SKEW).minusSeconds(5);
    assertRefused("Expired JWT", signed(providerKey, c -> c.expirationTime(Date.from(past))
        .issueTime(Date.from(past.minus(Duration.ofMinutes(5))))));
  }

  @Test
  void acceptsATokenJustExpiredWithinTheClockSkew() {
    Instant past = Instant.now().minusSeconds(20);
    check.verify(signed(providerKey, c -> c.expirationTime(Date.from(past))), NONCE);
  }

  @Test
  void refusesATokenNotYetValid() {
    Instant later = Instant.now().plus(Duration.ofMinutes(5));
    assertRefused("JWT before use time", signed(providerKey, c -> c.notBeforeTime(
        Date.from(later))));
  }

  @Test
  void refusesAnotherNonce() {
    assertRefused("Unexpected JWT nonce", signed(providerKey, c -> c.claim("nonce", "replayed")));
  }

  @Test
  void refusesATokenSignedByAnotherKey() {
    assertRefused("Signed JWT rejected", signed(otherKey, UnaryOperator.identity()));
  }

  @Test
  void refusesAnUnsignedToken() {
    String none = new PlainJWT(claims(UnaryOperator.identity())).serialize();
    assertTrue(none.endsWith("."), "alg=none has an empty signature");
    assertRefused("Signed ID token expected", none);
  }

  @Test
  void refusesHmacEvenWhenTheProviderAnnouncesIt() throws JOSEException {
    // The classic confusion: HS256 keyed with the provider's public key, which anyone can fetch.
    SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(),
        claims(UnaryOperator.identity()));
    hmac.sign(new MACSigner(providerKey.toPublicJWK().toRSAPublicKey().getEncoded()));
    assertRefused("Signed JWT rejected", hmac.serialize());
  }

  @Test
  void refusesWhatIsNoJwt() {
    assertRefused("ID token is not a JWT", "not.a.jwt");
  }

  private static void assertRefused(String reason, String token) {
    SsoRefusal refusal = assertThrows(SsoRefusal.class, () -> check.verify(token, NONCE));
    assertTrue(refusal.reason().contains(reason), refusal.reason());
    assertEquals(SsoRefusal.FAILED, refusal.userMessage());
  }

  static String signed(RSAKey key, UnaryOperator<JWTClaimsSet.Builder> change) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
          .keyID(key.getKeyID()).build(), claims(change));
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> change) {
    Instant now = Instant.now();
    return change.apply(new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .subject("2f1c")
        .audience(CLIENT)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
        .claim("nonce", NONCE)
        .claim("preferred_username", "alice")
        .claim("groups", List.of("field-techs", "edge-admins"))).build();
  }
}
