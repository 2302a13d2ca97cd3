package dev.outpost.ca;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.nio.ByteBuffer;

/**
 * The cluster's key for identity assertions to web apps: ECDSA P-256 (ES256), its key id the
 * RFC 7638 thumbprint, published as a JWK set. Stored like the CAs ({@code app_jwt.key}, sealed
 * by the {@link KeyVault}), so that every proxy of the cluster and every restart sign with it.
 */
public final class JwtSigningKey {

  private final ECKey key;

  private JwtSigningKey(ECKey key) {
    this.key = key;
  }

  static JwtSigningKey generate(SecureRandom random) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
    return of(generator.generateKeyPair());
  }

  /** The stored form: public key DER and PKCS#8 private key DER, each length-prefixed. */
  byte[] encode() {
    try {
      byte[] publicDer = key.toECPublicKey().getEncoded();
      byte[] privateDer = key.toECPrivateKey().getEncoded();
      return ByteBuffer.allocate(8 + publicDer.length + privateDer.length)
          .putInt(publicDer.length).put(publicDer).putInt(privateDer.length).put(privateDer)
          .array();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot encode the app JWT key", e);
    }
  }

  static JwtSigningKey decode(byte[] stored) throws GeneralSecurityException {
    ByteBuffer in = ByteBuffer.wrap(stored);
    byte[] publicDer = new byte[in.getInt()];
    in.get(publicDer);
    byte[] privateDer = new byte[in.getInt()];
    in.get(privateDer);
    KeyFactory factory = KeyFactory.getInstance("EC");
    return of(new KeyPair(factory.generatePublic(new X509EncodedKeySpec(publicDer)),
        factory.generatePrivate(new PKCS8EncodedKeySpec(privateDer))));
  }

  private static JwtSigningKey of(KeyPair pair) throws GeneralSecurityException {
    try {
      ECKey withoutId = new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic())
          .privateKey((ECPrivateKey) pair.getPrivate()).build();
      return new JwtSigningKey(new ECKey.Builder(withoutId)
          .keyID(withoutId.computeThumbprint().toString()).build());
    } catch (JOSEException e) {
      throw new GeneralSecurityException("cannot build the app JWT key", e);
    }
  }

  /** The private JWK, for signing. */
  public ECKey jwk() {
    return key;
  }

  /** {@code {"keys":[…]}} with the public key only. */
  public String publicJwkSet() {
    return new JWKSet(key.toPublicJWK()).toString();
  }
}
