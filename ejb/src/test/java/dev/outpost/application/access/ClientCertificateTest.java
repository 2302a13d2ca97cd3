package dev.outpost.application.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.outpost.ca.X509CertificateAuthority;
import dev.outpost.domain.shared.OutpostException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClientCertificateTest {
  private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final X509CertificateAuthority ca = generate("prod");

  @Test
  void namesTheUserOfAValidCertificate() throws Exception {
    assertEquals("alice", ClientCertificate.user(chain(ca, "prod", NOW), ca.certificate(), "prod", NOW));
  }

  @Test
  void refusesWithTheReason() throws Exception {
    assertRefused("no client certificate", null, NOW);
    assertRefused("not signed by this cluster's CA", chain(generate("prod"), "prod", NOW), NOW);
    assertRefused("expired", chain(ca, "prod", NOW), NOW.plus(Duration.ofHours(2)));
    assertRefused("run 'outpost login' again", chain(ca, "prod", NOW), NOW.plus(Duration.ofHours(2)));
    assertRefused("for cluster 'dev', not 'prod'", chain(ca, "dev", NOW), NOW);
  }

  @Test
  void refusesAServerCertificate() throws Exception {
    KeyPair key = X509CertificateAuthority.generateKeyPair(RANDOM);
    X509Certificate server = ca.issueServer(key.getPublic(), "proxy", java.util.List.of("proxy"),
        NOW, Duration.ofHours(1));
    assertRefused("not for client authentication", new X509Certificate[] {server}, NOW);
  }

  private void assertRefused(String reason, X509Certificate[] chain, Instant at) {
    OutpostException refused = assertThrows(OutpostException.class,
        () -> ClientCertificate.user(chain, ca.certificate(), "prod", at));
    assertEquals(OutpostException.Kind.UNAUTHENTICATED, refused.kind());
    org.junit.jupiter.api.Assertions.assertTrue(refused.getMessage().contains(reason), refused.getMessage());
  }

  private static X509Certificate[] chain(X509CertificateAuthority issuer, String cluster, Instant now)
      throws Exception {
    KeyPair key = X509CertificateAuthority.generateKeyPair(RANDOM);
    return new X509Certificate[] {
        issuer.issueClient(key.getPublic(), "alice", cluster, now, Duration.ofHours(1))};
  }

  private static X509CertificateAuthority generate(String cluster) {
    try {
      return X509CertificateAuthority.generate(cluster, NOW.minus(Duration.ofDays(1)), RANDOM);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
