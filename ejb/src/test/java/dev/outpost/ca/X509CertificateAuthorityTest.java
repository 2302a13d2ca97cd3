package dev.outpost.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class X509CertificateAuthorityTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private final SecureRandom random = new SecureRandom();

  @Test
  void caIsSelfSignedWithCaConstraints() throws Exception {
    X509CertificateAuthority ca = X509CertificateAuthority.generate("prod", NOW, random);
    X509Certificate certificate = ca.certificate();

    certificate.verify(certificate.getPublicKey());
    assertEquals(0, certificate.getBasicConstraints());
    assertTrue(certificate.getKeyUsage()[5], "keyCertSign");
    assertEquals("CN=Outpost CA prod,O=prod",
        certificate.getSubjectX500Principal().getName());
  }

  @Test
  void pinIsSha256OfSubjectPublicKeyInfo() throws Exception {
    X509CertificateAuthority ca = X509CertificateAuthority.generate("prod", NOW, random);

    String expected = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(ca.certificate().getPublicKey().getEncoded()));

    assertEquals(expected, ca.pin());
    assertTrue(ca.pin().matches("sha256:[0-9a-f]{64}"));
  }

  @Test
  void serverCertificateCarriesTheNames() throws Exception {
    X509CertificateAuthority ca = X509CertificateAuthority.generate("prod", NOW, random);
    KeyPair key = X509CertificateAuthority.generateKeyPair(random);

    X509Certificate server = ca.issueServer(key.getPublic(), "proxy.example",
        List.of("proxy.example", "localhost", "127.0.0.1", "prod"), NOW, Duration.ofDays(90));

    server.verify(ca.certificate().getPublicKey());
    Set<String> names = server.getSubjectAlternativeNames().stream()
        .map(entry -> entry.get(0) + ":" + entry.get(1))
        .collect(Collectors.toSet());
    assertEquals(Set.of("2:proxy.example", "2:localhost", "7:127.0.0.1", "2:prod"), names);
    assertEquals(List.of("1.3.6.1.5.5.7.3.1"), server.getExtendedKeyUsage());
    assertEquals(-1, server.getBasicConstraints());
  }

  @Test
  void clientCertificateNamesUserAndCluster() throws Exception {
    X509CertificateAuthority ca = X509CertificateAuthority.generate("prod", NOW, random);
    KeyPair key = X509CertificateAuthority.generateKeyPair(random);

    X509Certificate client =
        ca.issueClient(key.getPublic(), "alice", "prod", NOW, Duration.ofHours(12));

    client.verify(ca.certificate().getPublicKey());
    assertEquals("CN=alice,O=prod", client.getSubjectX500Principal().getName());
    assertEquals(NOW.plus(Duration.ofHours(12)), client.getNotAfter().toInstant());
    assertEquals(List.of("1.3.6.1.5.5.7.3.2"), client.getExtendedKeyUsage());
  }

  @Test
  void survivesThePemRoundTrip() throws Exception {
    X509CertificateAuthority ca = X509CertificateAuthority.generate("prod", NOW, random);

    X509CertificateAuthority reopened = X509CaPem.decode(X509CaPem.encode(ca), random);

    assertEquals(ca.certificate(), reopened.certificate());
    assertEquals(ca.pin(), reopened.pin());
    assertTrue(ca.certificatePem().startsWith("-----BEGIN CERTIFICATE-----\n"));
  }
}
