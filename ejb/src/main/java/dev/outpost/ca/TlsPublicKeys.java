package dev.outpost.ca;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Public keys that clients send for X.509 client certificates. */
public final class TlsPublicKeys {

  private static final int MAX_LENGTH = 4096;

  private TlsPublicKeys() {}

  /**
   * Parses base64 DER SubjectPublicKeyInfo of an EC, Ed25519 or RSA (at least 2048 bits) key.
   *
   * @throws IllegalArgumentException with a message fit for the user
   */
  public static PublicKey parse(String base64Der) {
    if (base64Der.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("TLS public key is too long");
    }
    PublicKey key;
    try {
      key = new JcaPEMKeyConverter()
          .getPublicKey(SubjectPublicKeyInfo.getInstance(Base64.getDecoder().decode(base64Der)));
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "TLS public key is not base64 DER SubjectPublicKeyInfo");
    }
    if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < SshKeys.MIN_RSA_BITS) {
      throw new IllegalArgumentException("TLS RSA key is too short: at least 2048 bits");
    }
    if (!(key instanceof RSAPublicKey || key instanceof ECPublicKey
        || key instanceof EdECPublicKey || "Ed25519".equals(key.getAlgorithm()))) {
      throw new IllegalArgumentException(
          "unsupported TLS key type " + key.getAlgorithm() + ": use EC, Ed25519 or RSA");
    }
    return key;
  }
}
