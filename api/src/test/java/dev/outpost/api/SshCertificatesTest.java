package dev.outpost.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import org.apache.sshd.certificate.OpenSshCertificateBuilder;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.config.keys.OpenSshCertificateImpl;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SshCertificatesTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  private final KeyPair ca = ed25519();
  private final KeyPair subject = ed25519();

  @Test
  void tellsUserFromHostCertificates() throws Exception {
    OpenSshCertificate user = user().sign(ca);
    OpenSshCertificate host = host().sign(ca);

    assertTrue(SshCertificates.isOfType(user, OpenSshCertificate.Type.USER));
    assertFalse(SshCertificates.isOfType(user, OpenSshCertificate.Type.HOST));
    assertTrue(SshCertificates.isOfType(host, OpenSshCertificate.Type.HOST));
  }

  @Test
  void issuerIsOneOfTheTrustedCaKeys() throws Exception {
    OpenSshCertificate certificate = parsed(user().sign(ca));
    PublicKey other = ed25519().getPublic();

    assertTrue(SshCertificates.isIssuedByOneOf(certificate, List.of(other, ca.getPublic())));
    assertFalse(SshCertificates.isIssuedByOneOf(certificate, List.of(other)));
    assertFalse(SshCertificates.isIssuedByOneOf(certificate, List.of()));
  }

  @Test
  void signatureOfTheNamedCaVerifies() throws Exception {
    OpenSshCertificate certificate = parsed(user().sign(ca));

    assertTrue(SshCertificates.hasSupportedSignature(certificate));
    assertTrue(SshCertificates.signatureVerifies(certificate));
  }

  @ParameterizedTest(name = "{0} CA")
  @CsvSource({"ssh-ed25519, 256", "ecdsa-sha2-nistp256, 256", "ssh-rsa, 2048"})
  void signaturesOfEveryCaKeyTypeVerify(String keyType, int bits) throws Exception {
    KeyPair caOfThatType = keyPair(keyType, bits);
    OpenSshCertificate certificate = parsed(user().sign(caOfThatType));

    assertTrue(SshCertificates.isIssuedByOneOf(certificate, List.of(caOfThatType.getPublic())));
    assertTrue(SshCertificates.signatureVerifies(certificate));
  }

  @Test
  void forgedSignatureClaimingATrustedCaDoesNotVerify() throws Exception {
    KeyPair claimsTheCa = new KeyPair(ca.getPublic(), ed25519().getPrivate());
    OpenSshCertificate forged = user().sign(claimsTheCa);

    assertTrue(SshCertificates.isIssuedByOneOf(forged, List.of(ca.getPublic())));
    assertFalse(SshCertificates.signatureVerifies(forged));
  }

  @Test
  void alteredCertificateDoesNotVerify() throws Exception {
    OpenSshCertificateImpl certificate =
        (OpenSshCertificateImpl) user().sign(ca);
    byte[] message = certificate.getMessage().clone();
    message[message.length - 1] ^= 1;
    certificate.setMessage(message);

    assertFalse(SshCertificates.signatureVerifies(certificate));
  }

  @Test
  void unknownSignatureAlgorithmIsUnsupportedAndDoesNotVerify() throws Exception {
    OpenSshCertificateImpl certificate =
        (OpenSshCertificateImpl) user().sign(ca);
    ByteArrayBuffer blob = new ByteArrayBuffer();
    blob.putString("x-unknown@example.org");
    blob.putBytes(new byte[64]);
    certificate.setSignature(blob.getCompactData());

    assertFalse(SshCertificates.hasSupportedSignature(certificate));
    assertFalse(SshCertificates.signatureVerifies(certificate));
  }

  /** Window [1000, 2000): valid-after is inclusive, valid-before exclusive. */
  @ParameterizedTest(name = "at {0}: not yet {1}, expired {2}, valid {3}")
  @CsvSource({
    "-1,   true,  false, false",
    "0,    true,  false, false",
    "999,  true,  false, false",
    "1000, false, false, true",
    "1999, false, false, true",
    "2000, false, true,  false",
    "3000, false, true,  false",
  })
  void validityWindow(long at, boolean notYet, boolean expired, boolean valid) throws Exception {
    OpenSshCertificate certificate = user().validAfter(1000).validBefore(2000).sign(ca);
    Instant instant = Instant.ofEpochSecond(at);

    assertEquals(notYet, SshCertificates.isNotYetValidAt(certificate, instant));
    assertEquals(expired, SshCertificates.hasExpiredAt(certificate, instant));
    assertEquals(valid, SshCertificates.isValidAt(certificate, instant));
  }

  @Test
  void foreverIsAnUnsignedMaximumThatNeverExpires() throws Exception {
    OpenSshCertificate forever = parsed(user()
        .validAfter(OpenSshCertificate.MIN_EPOCH)
        .validBefore(OpenSshCertificate.INFINITY)
        .sign(ca));

    assertTrue(forever.getValidBefore() < 0, "forever reads as a negative long");
    assertTrue(SshCertificates.isValidAt(forever, Instant.EPOCH));
    assertTrue(SshCertificates.isValidAt(forever, NOW));
    assertTrue(SshCertificates.isValidAt(forever, Instant.MAX));
  }

  @Test
  void validAfterBeyondSignedLongRangeIsNotYetValid() throws Exception {
    OpenSshCertificate farFuture = user()
        .validAfter(Long.MIN_VALUE).validBefore(OpenSshCertificate.INFINITY).sign(ca);

    assertTrue(SshCertificates.isNotYetValidAt(farFuture, NOW));
    assertFalse(SshCertificates.isValidAt(farFuture, NOW));
  }

  @Test
  void principalMustBeNamedExactly() throws Exception {
    OpenSshCertificate certificate = host()
        .principals(List.of("edge-1", "edge-1.prod")).sign(ca);

    assertTrue(SshCertificates.namesPrincipal(certificate, "edge-1.prod"));
    assertFalse(SshCertificates.namesPrincipal(certificate, "edge-1.PROD"));
    assertFalse(SshCertificates.namesPrincipal(certificate, "edge-2"));
  }

  @Test
  void sameKeyWhetherGeneratedOrParsedFromText() throws Exception {
    PublicKey reparsed = PublicKeyEntry.parsePublicKeyEntry(PublicKeyEntry.toString(ca.getPublic()))
        .resolvePublicKey(null, null, null);

    assertTrue(SshCertificates.sameKey(ca.getPublic(), reparsed));
    assertFalse(SshCertificates.sameKey(ca.getPublic(), subject.getPublic()));
  }

  /** A user certificate for the subject, valid around NOW; a test overrides what it checks. */
  private OpenSshCertificateBuilder user() {
    return aroundNow(OpenSshCertificateBuilder.userCertificate());
  }

  private OpenSshCertificateBuilder host() {
    return aroundNow(OpenSshCertificateBuilder.hostCertificate());
  }

  private OpenSshCertificateBuilder aroundNow(OpenSshCertificateBuilder builder) {
    return builder.publicKey(subject.getPublic()).id("alice").serial(1)
        .principals(List.of("root"))
        .validAfter(NOW.minusSeconds(60)).validBefore(NOW.plusSeconds(3600));
  }

  /** Through the text form, as certificates arrive from peers. */
  private static OpenSshCertificate parsed(OpenSshCertificate certificate) throws Exception {
    return (OpenSshCertificate) CertificateProof.parseCertificate(
        PublicKeyEntry.toString(certificate));
  }

  private static KeyPair ed25519() {
    return keyPair(KeyPairProvider.SSH_ED25519, 256);
  }

  private static KeyPair keyPair(String keyType, int bits) {
    try {
      return KeyUtils.generateKeyPair(keyType, bits);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
