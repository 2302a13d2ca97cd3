package dev.outpost.application.apps;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.outpost.ca.JwtSigningKey;
import dev.outpost.domain.user.UserIdentity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * The {@code Outpost-Jwt-Assertion} an app receives with every request: who the user is, signed
 * ES256 by the cluster's {@link JwtSigningKey}, for this app only ({@code aud} = the app's public
 * origin), valid for {@link #TTL}. Apps check it against {@code /.well-known/jwks.json}.
 */
public final class IdentityAssertionSigner {
  /** Long enough for clock skew between proxy and app, short enough to be useless when copied. */
  public static final Duration TTL = Duration.ofMinutes(1);

  private final JwtSigningKey key;
  private final Clock clock;

  public IdentityAssertionSigner(JwtSigningKey key, Clock clock) {
    this.key = key;
    this.clock = clock;
  }

  /**
   * @param issuer the console origin, where the key set is published
   * @param audience the app's public origin
   */
  public String sign(UserIdentity user, PublishedApp app, String issuer, String audience) {
    Instant now = clock.instant();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject(user.user())
        .audience(audience)
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now.minusSeconds(5)))
        .expirationTime(Date.from(now.plus(TTL)))
        .jwtID(UUID.randomUUID().toString())
        .claim("username", user.user())
        .claim("roles", user.roleNames())
        .claim("app", app.name())
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256)
        .type(JOSEObjectType.JWT).keyID(key.jwk().getKeyID()).build(), claims);
    try {
      jwt.sign(new ECDSASigner(key.jwk()));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign an identity assertion", e);
    }
    return jwt.serialize();
  }
}
