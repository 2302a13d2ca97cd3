package dev.outpost.client.tls;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.client.TestPki;
import dev.outpost.client.TestPki.Issued;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PinnedTrustManagerTest {

  private static Issued ca;
  private static Issued leaf;

  @BeforeAll
  static void issue() throws Exception {
    ca = TestPki.ca("Outpost CA");
    leaf = TestPki.server(ca, "localhost");
  }

  private static PinnedTrustManager pinning(Issued pinned) {
    return new PinnedTrustManager(CaPin.of(pinned.certificate()));
  }

  private static CertificateException refused(
      PinnedTrustManager manager, X509Certificate... chain) {
    CertificateException e =
        assertThrows(
            CertificateException.class, () -> manager.checkServerTrusted(chain, "ECDHE_ECDSA"));
    assertNull(manager.matchedCa(), "nothing is matched after a refusal");
    return e;
  }

  @Test
  void acceptsLeafSignedByThePinnedCaAndExposesTheCa() {
    PinnedTrustManager trustManager = pinning(ca);
    assertDoesNotThrow(
        () ->
            trustManager.checkServerTrusted(
                new X509Certificate[] {leaf.certificate(), ca.certificate()}, "ECDHE_ECDSA"));
    assertSame(ca.certificate(), trustManager.matchedCa());
  }

  @Test
  void refusesAChainWithoutThePinnedCa() throws Exception {
    Issued otherCa = TestPki.ca("Outpost CA");
    CertificateException e = refused(pinning(otherCa), leaf.certificate(), ca.certificate());
    assertTrue(e.getMessage().contains("does not contain the pinned CA"), e.getMessage());
  }

  @Test
  void refusesALeafNotSignedByThePinnedCa() throws Exception {
    // An attacker's CA with the same name issues the leaf, and appends the genuine CA to the chain.
    Issued rogueCa = TestPki.ca("Outpost CA");
    Issued rogueLeaf = TestPki.server(rogueCa, "localhost");
    CertificateException e = refused(pinning(ca), rogueLeaf.certificate(), ca.certificate());
    assertTrue(e.getMessage().contains("is not signed by"), e.getMessage());
  }

  @Test
  void refusesAnExpiredLeaf() throws Exception {
    Issued expired = TestPki.server(ca, "localhost", Duration.ofMinutes(1), -3600);
    refused(pinning(ca), expired.certificate(), ca.certificate());
  }

  @Test
  void refusesALeafIssuedByANonCaCertificate() throws Exception {
    Issued notACa = TestPki.server(ca, "intermediate");
    Issued leafOfNotACa = TestPki.server(notACa, "localhost");
    CertificateException e =
        refused(pinning(ca), leafOfNotACa.certificate(), notACa.certificate(), ca.certificate());
    assertTrue(e.getMessage().contains("is not a CA"), e.getMessage());
  }

  @Test
  void refusesAnEmptyChain() {
    refused(pinning(ca));
  }
}
