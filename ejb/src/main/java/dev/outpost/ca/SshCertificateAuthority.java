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

/**
 * An Ed25519 OpenSSH CA that signs and checks certificates of one type (user or host). Its keys
 * change when it is rotated ({@link SshCaKeys}): it signs with the active key and accepts
 * certificates of every key still trusted. The keys are swapped as a whole, so readers on other
 * threads see either the old set or the new one.
 */
public final class SshCertificateAuthority {

  private final OpenSshCertificate.Type type;
  private final SecureRandom random;
  private volatile SshCaKeys keys;

  SshCertificateAuthority(OpenSshCertificate.Type type, SshCaKeys keys, SecureRandom random) {
    this.type = type;
    this.keys = keys;
    this.random = random;
  }

  /** A CA with a fresh Ed25519 key. */
  public static SshCertificateAuthority generate(OpenSshCertificate.Type type, SecureRandom random)
      throws GeneralSecurityException {
    return new SshCertificateAuthority(
        type, new SshCaKeys(SshKeys.generateEd25519(random), List.of()), random);
  }

  /** The CA from its OpenSSH private key file content and the keys it retired. */
  static SshCertificateAuthority fromPrivateKey(OpenSshCertificate.Type type,
      byte[] openSshPrivateKey, List<SshCaKeys.Retired> retired, SecureRandom random)
      throws IOException, GeneralSecurityException {
    return new SshCertificateAuthority(type, new SshCaKeys(
        SshKeys.readPrivateKeyFile(openSshPrivateKey, type + " CA"), retired), random);
  }

  /** The active private key in OpenSSH format, for sealing in the key vault only. */
  byte[] privateKey() throws IOException, GeneralSecurityException {
    return privateKey(keys.active());
  }

  byte[] privateKey(KeyPair key) throws IOException, GeneralSecurityException {
    return SshKeys.privateKeyFile(key, "outpost-" + type.name().toLowerCase(Locale.ROOT) + "-ca");
  }

  /** The keys now, the active private key among them: for this package only. */
  SshCaKeys keys() {
    return keys;
  }

  /** The public half of the key that signs now. */
  public PublicKey activeKey() {
    return keys.active().getPublic();
  }

  /** The keys a rotation retired that are still trusted at {@code now}, newest first. */
  public List<SshCaKeys.Retired> retiredAt(Instant now) {
    return keys.retiredAt(now);
  }

  /** Puts {@code next} in force (after a rotation, or one another proxy made). */
  void replace(SshCaKeys next) {
    keys = next;
  }

  /** The keys trusted at {@code now}, active first, as {@link dev.outpost.api.TrustedCaKeys}. */
  public List<String> trustedKeyLines(Instant now) {
    return keys.linesAt(now);
  }

  /** The keys trusted at {@code now}, active first. */
  public List<PublicKey> trustedKeys(Instant now) {
    return keys.trustedAt(now);
  }

  public OpenSshCertificate.Type type() {
    return type;
  }

  /** The active public key in {@code authorized_keys} format. */
  public String publicKey() {
    return SshKeys.format(keys.active().getPublic());
  }

  /** The active key's fingerprint. */
  public String fingerprint() {
    return SshKeys.fingerprint(keys.active().getPublic());
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
          .sign(keys.active());
    } catch (GeneralSecurityException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new GeneralSecurityException("cannot sign certificate: " + e.getMessage(), e);
    }
  }

  /**
   * Checks that {@code presented} is a certificate of this CA's type, signed by a key of this CA
   * trusted at {@code now} and valid then.
   *
   * @return the certificate
   * @throws GeneralSecurityException saying which check failed
   */
  public OpenSshCertificate verify(PublicKey presented, Instant now)
      throws GeneralSecurityException {
    return verify(presented, type, keys.trustedAt(now), "this cluster's " + type + " CA", now);
  }

  /**
   * Checks that {@code presented} is a certificate of {@code type}, signed by one of {@code
   * caKeys} (named {@code caName} in the refusal) and valid at {@code now}: for the CAs of trusted
   * clusters, of which only the public keys are known here.
   *
   * @return the certificate
   * @throws GeneralSecurityException saying which check failed
   */
  public static OpenSshCertificate verify(PublicKey presented, OpenSshCertificate.Type type,
      List<PublicKey> caKeys, String caName, Instant now) throws GeneralSecurityException {
    if (!(presented instanceof OpenSshCertificate certificate)) {
      throw new GeneralSecurityException("a plain key was presented, not a certificate");
    }
    if (!SshCertificates.isOfType(certificate, type)) {
      throw new GeneralSecurityException(
          "certificate is a " + certificate.getType() + " certificate, not a " + type + " one");
    }
    if (!SshCertificates.isIssuedByOneOf(certificate, caKeys)) {
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
