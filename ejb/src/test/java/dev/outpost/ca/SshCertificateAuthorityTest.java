package dev.outpost.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.api.CertificateProof;
import dev.outpost.api.SshCertificates;
import dev.outpost.api.UserCertificatePermissions;
import dev.outpost.testing.Keys;
import dev.outpost.testing.TestCas;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.sshd.certificate.OpenSshCertificateBuilder;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.junit.jupiter.api.Test;

class SshCertificateAuthorityTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  private final SecureRandom random = new SecureRandom();
  private final SshCertificateAuthority userCa = generate(OpenSshCertificate.Type.USER);
  private final KeyPair client = Keys.ed25519();

  @Test
  void userCertificateFollowsThePolicy() throws Exception {
    OpenSshCertificate certificate = userCa.issue(SshCertificateRequest.user(
        client.getPublic(), "alice", List.of("root", "ubuntu"), TestCas.ACCESS, NOW,
        Duration.ofHours(12)));

    assertEquals(OpenSshCertificate.Type.USER, certificate.getType());
    assertEquals("alice", certificate.getId());
    assertEquals(List.of("root", "ubuntu"), List.copyOf(certificate.getPrincipals()));
    assertEquals(NOW.getEpochSecond() - 60, certificate.getValidAfter());
    assertEquals(NOW.plus(Duration.ofHours(12)).getEpochSecond(), certificate.getValidBefore());
    assertEquals(Map.of("permit-pty", "", "cluster@outpost.dev", TestCas.CLUSTER,
        "roles@outpost.dev", "access", "permit-file-copy@outpost.dev", ""),
        certificate.getExtensionsMap());
    assertEquals(TestCas.ACCESS, UserCertificatePermissions.of(certificate).orElseThrow());
    assertTrue(certificate.getCriticalOptions().isEmpty());
    assertTrue(certificate.getSerial() > 0);
    assertTrue(SshCertificates.sameKey(client.getPublic(), certificate.getCertPubKey()));
  }

  @Test
  void userWithoutLoginsGetsAPrincipalNoAccountHas() throws Exception {
    OpenSshCertificate certificate = userCa.issue(SshCertificateRequest.user(
        client.getPublic(), "auditor", List.of(), TestCas.ACCESS, NOW, Duration.ofHours(1)));

    assertEquals(List.of("-outpost-nologin"), List.copyOf(certificate.getPrincipals()));
  }

  @Test
  void userLifetimeIsCappedAt12Hours() {
    assertThrows(IllegalArgumentException.class, () -> SshCertificateRequest.user(
        client.getPublic(), "alice", List.of("root"), TestCas.ACCESS, NOW,
        Duration.ofHours(13)));
  }

  @Test
  void hostCertificateNamesTheNodeInTheCluster() throws Exception {
    SshCertificateAuthority hostCa = generate(OpenSshCertificate.Type.HOST);

    OpenSshCertificate certificate = hostCa.issue(
        SshCertificateRequest.host(client.getPublic(), "edge-1", "prod.example", NOW));

    assertEquals(OpenSshCertificate.Type.HOST, certificate.getType());
    assertEquals("edge-1", certificate.getId());
    assertEquals(List.of("edge-1", "edge-1.prod.example"),
        List.copyOf(certificate.getPrincipals()));
    assertEquals(NOW.plus(Duration.ofDays(7)).getEpochSecond(), certificate.getValidBefore());
    assertTrue(certificate.getExtensions().isEmpty());
  }

  @Test
  void serialsAreRandomAndDistinct() throws Exception {
    Set<Long> serials = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      serials.add(userCa.issue(userRequest(NOW)).getSerial());
    }
    assertEquals(50, serials.size());
  }

  @Test
  void refusesRequestsOfTheOtherType() {
    assertThrows(IllegalArgumentException.class, () -> userCa.issue(
        SshCertificateRequest.host(client.getPublic(), "edge-1", "c", NOW)));
  }

  @Test
  void verifiesItsOwnCertificate() throws Exception {
    OpenSshCertificate issued = userCa.issue(userRequest(NOW));

    OpenSshCertificate verified = userCa.verify(parse(issued), NOW.plusSeconds(30));

    assertEquals("alice", verified.getId());
  }

  @Test
  void rejectsCertificateOfAnotherCa() throws Exception {
    OpenSshCertificate foreign = generate(OpenSshCertificate.Type.USER).issue(userRequest(NOW));

    String message = reject(userCa, foreign, NOW);

    assertTrue(message.startsWith("certificate is not signed by this cluster's USER CA"), message);
  }

  @Test
  void rejectsExpiredAndNotYetValidCertificates() throws Exception {
    OpenSshCertificate issued = userCa.issue(userRequest(NOW));

    assertTrue(reject(userCa, issued, NOW.plus(Duration.ofHours(12))).startsWith(
        "certificate expired at 2026-03-01T22:00:00Z"));
    assertEquals("certificate is not valid yet", reject(userCa, issued, NOW.minusSeconds(61)));
  }

  @Test
  void rejectsCertificateOfTheWrongType() throws Exception {
    SshCertificateAuthority hostCa = generate(OpenSshCertificate.Type.HOST);
    OpenSshCertificate hostCertificate =
        hostCa.issue(SshCertificateRequest.host(client.getPublic(), "edge-1", "c", NOW));

    assertEquals("certificate is a HOST certificate, not a USER one",
        reject(userCa, hostCertificate, NOW));
  }

  @Test
  void rejectsForgedSignatureClaimingOurCa() throws Exception {
    KeyPair forger = Keys.ed25519();
    KeyPair claimsOurCa = new KeyPair(parse(userCa.publicKey()), forger.getPrivate());
    OpenSshCertificate forged = OpenSshCertificateBuilder.userCertificate()
        .publicKey(client.getPublic()).id("alice").principals(List.of("root"))
        .validAfter(NOW.minusSeconds(60)).validBefore(NOW.plusSeconds(3600))
        .sign(claimsOurCa);

    assertEquals("certificate signature is invalid", reject(userCa, forged, NOW));
  }

  @Test
  void rejectsPlainKeys() {
    assertThrows(GeneralSecurityException.class, () -> userCa.verify(client.getPublic(), NOW));
  }

  @Test
  void survivesTheKeyFileRoundTrip() throws Exception {
    SshCertificateAuthority reopened = SshCertificateAuthority.fromPrivateKey(
        OpenSshCertificate.Type.USER, userCa.privateKey(), List.of(), random);

    assertEquals(userCa.publicKey(), reopened.publicKey());
    assertNotEquals("", reopened.fingerprint());
    userCa.verify(parse(reopened.issue(userRequest(NOW))), NOW);
  }

  private SshCertificateRequest userRequest(Instant now) {
    return SshCertificateRequest.user(
        client.getPublic(), "alice", List.of("root"), TestCas.ACCESS, now,
        Duration.ofHours(12));
  }

  private SshCertificateAuthority generate(OpenSshCertificate.Type type) {
    try {
      return SshCertificateAuthority.generate(type, random);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Through the text form, as certificates arrive from clients. */
  private static PublicKey parse(OpenSshCertificate certificate) throws Exception {
    return parse(SshKeys.format(certificate));
  }

  private static PublicKey parse(String line) throws Exception {
    return CertificateProof.parseCertificate(line);
  }

  private static String reject(SshCertificateAuthority ca, OpenSshCertificate certificate,
      Instant at) throws Exception {
    PublicKey presented = parse(certificate);
    return assertThrows(GeneralSecurityException.class, () -> ca.verify(presented, at))
        .getMessage();
  }
}
