package dev.outpost.ca;

import dev.outpost.api.SshCertificates;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.sshd.certificate.OpenSshCertificateBuilder;
import org.apache.sshd.common.config.keys.OpenSshCertificate;

/** An Ed25519 OpenSSH CA that signs and checks certificates of one type (user or host). */
public final class SshCertificateAuthority {

  private final OpenSshCertificate.Type type;
  private final KeyPair key;
  private final SecureRandom random;

  SshCertificateAuthority(OpenSshCertificate.Type type, KeyPair key, SecureRandom random) {
    this.type = type;
    this.key = key;
    this.random = random;
  }

  /** A CA with a fresh Ed25519 key. */
  public static SshCertificateAuthority generate(OpenSshCertificate.Type type, SecureRandom random)
      throws GeneralSecurityException {
    return new SshCertificateAuthority(type, SshKeys.generateEd25519(random), random);
  }

  /** The CA from its OpenSSH private key file content. */
  static SshCertificateAuthority fromPrivateKey(
      OpenSshCertificate.Type type, byte[] openSshPrivateKey, SecureRandom random)
      throws IOException, GeneralSecurityException {
    return new SshCertificateAuthority(
        type, SshKeys.readPrivateKeyFile(openSshPrivateKey, type + " CA"), random);
  }

  /** The private key in OpenSSH format, for sealing in the key vault only. */
  byte[] privateKey() throws IOException, GeneralSecurityException {
    return SshKeys.privateKeyFile(key, "outpost-" + type.name().toLowerCase(Locale.ROOT) + "-ca");
  }

  public OpenSshCertificate.Type type() {
    return type;
  }

  /** The CA's public key in {@code authorized_keys} format. */
  public String publicKey() {
    return SshKeys.format(key.getPublic());
  }

  public String fingerprint() {
    return SshKeys.fingerprint(key.getPublic());
  }

  /** Signs {@code request} with a fresh random serial and nonce. */
  public OpenSshCertificate issue(SshCertificateRequest request) throws GeneralSecurityException {
    if (request.type() != type) {
      throw new IllegalArgumentException(
          "the " + type + " CA does not sign " + request.type() + " certificates");
    }
    byte[] nonce = new byte[32];
    random.nextBytes(nonce);
    try {
      return builder()
          .publicKey(request.publicKey())
          .serial(serial())
          .id(request.keyId())
          .principals(request.principals())
          .extensions(request.extensions())
          .validAfter(request.validAfter())
          .validBefore(request.validBefore())
          .nonce(nonce)
          .sign(key);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new GeneralSecurityException("cannot sign certificate: " + e.getMessage(), e);
    }
  }

  /**
   * Checks that {@code presented} is a certificate of this CA's type, signed by this CA and valid
   * at {@code now}.
   *
   * @return the certificate
   * @throws GeneralSecurityException saying which check failed
   */
  public OpenSshCertificate verify(PublicKey presented, Instant now)
      throws GeneralSecurityException {
    return verify(presented, type, key.getPublic(), "this cluster's " + type + " CA", now);
  }

  /**
   * Checks that {@code presented} is a certificate of {@code type}, signed by {@code caKey} (named
   * {@code caName} in the refusal) and valid at {@code now}: for the CAs of trusted clusters, of
   * which only the public key is known here.
   *
   * @return the certificate
   * @throws GeneralSecurityException saying which check failed
   */
  public static OpenSshCertificate verify(PublicKey presented, OpenSshCertificate.Type type,
      PublicKey caKey, String caName, Instant now) throws GeneralSecurityException {
    if (!(presented instanceof OpenSshCertificate certificate)) {
      throw new GeneralSecurityException("a plain key was presented, not a certificate");
    }
    if (!SshCertificates.isOfType(certificate, type)) {
      throw new GeneralSecurityException(
          "certificate is a " + certificate.getType() + " certificate, not a " + type + " one");
    }
    if (!SshCertificates.isIssuedByOneOf(certificate, List.of(caKey))) {
      throw new GeneralSecurityException("certificate is not signed by " + caName
          + " (signed by " + SshKeys.fingerprint(certificate.getCaPubKey()) + ")");
    }
    if (!SshCertificates.hasSupportedSignature(certificate)) {
      throw new GeneralSecurityException(
          "unsupported certificate signature " + certificate.getSignatureAlgorithm());
    }
    if (!SshCertificates.signatureVerifies(certificate)) {
      throw new GeneralSecurityException("certificate signature is invalid");
    }
    if (SshCertificates.isNotYetValidAt(certificate, now)) {
      throw new GeneralSecurityException("certificate is not valid yet");
    }
    if (SshCertificates.hasExpiredAt(certificate, now)) {
      throw new GeneralSecurityException("certificate expired at "
          + Instant.ofEpochSecond(certificate.getValidBefore()));
    }
    return certificate;
  }

  private OpenSshCertificateBuilder builder() {
    return type == OpenSshCertificate.Type.USER
        ? OpenSshCertificateBuilder.userCertificate()
        : OpenSshCertificateBuilder.hostCertificate();
  }

  /** A random positive 63-bit serial: collisions are negligible without central bookkeeping. */
  private long serial() {
    long serial;
    do {
      serial = random.nextLong() & Long.MAX_VALUE;
    } while (serial == 0);
    return serial;
  }
}
