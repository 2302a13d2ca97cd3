package dev.outpost.application.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.api.CertificateProof;
import dev.outpost.api.JoinResponse;
import dev.outpost.api.RenewRequest;
import dev.outpost.api.SshCertificates;
import dev.outpost.ca.CertificateAuthorities;
import dev.outpost.ca.SshKeys;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.Outcome;
import dev.outpost.domain.node.Node;
import dev.outpost.domain.node.NodeLabels;
import dev.outpost.domain.node.NodeName;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.testing.InMemoryNodes;
import dev.outpost.testing.Keys;
import dev.outpost.testing.MutableClock;
import dev.outpost.testing.RecordingAudit;
import dev.outpost.testing.TestCas;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HostRenewalTest {

  private final MutableClock clock = MutableClock.atSomeFixedTime();
  private final InMemoryNodes nodes = new InMemoryNodes();
  private final RecordingAudit audit = new RecordingAudit();
  private final CertificateAuthorities cas = TestCas.create(clock.instant());
  private final HostRenewal renewal = new HostRenewal(nodes, cas, audit, clock);
  private final KeyPair hostKey = Keys.ed25519();
  private String certificate;

  @BeforeEach
  void registerNode() throws Exception {
    nodes.add(new Node(TestCas.CLUSTER, new NodeName("edge-1"), new NodeLabels(Map.of()),
        SshKeys.fingerprint(hostKey.getPublic()), clock.instant()));
    certificate = cas.issueHostCertificate(hostKey.getPublic(), "edge-1", clock.instant());
  }

  @Test
  void renewsForTheSameKey() throws Exception {
    clock.advance(Duration.ofDays(4));

    JoinResponse response = renewal.renew(request("edge-1", certificate, now()), "192.0.2.7");

    OpenSshCertificate renewed = cas.hosts().verify(
        CertificateProof.parseCertificate(response.hostCertificate()), clock.instant());
    assertTrue(SshCertificates.sameKey(hostKey.getPublic(), renewed.getCertPubKey()));
    assertEquals(clock.instant().plus(Duration.ofDays(7)).getEpochSecond(),
        renewed.getValidBefore());
    assertNotEquals(certificate, response.hostCertificate());
    assertEquals(Outcome.SUCCESS, audit.last().outcome());
    assertEquals(AuditEventType.CERT_RENEW, audit.last().type());
  }

  @Test
  void refusesTimestampsBeyondTheSkew() {
    assertEquals("renewal timestamp is more than 5 minutes off the proxy's clock",
        refuse(request("edge-1", certificate, now() - 301)));
    renewal.renew(request("edge-1", certificate, now() - 299), null);
  }

  @Test
  void refusesCertificatesOfAnotherCa() throws Exception {
    String foreign = TestCas.create(clock.instant())
        .issueHostCertificate(hostKey.getPublic(), "edge-1", clock.instant());

    assertTrue(refuse(request("edge-1", foreign, now()))
        .startsWith("certificate is not signed by this cluster's HOST CA"));
  }

  @Test
  void refusesExpiredCertificates() {
    clock.advance(Duration.ofDays(7));

    assertTrue(refuse(request("edge-1", certificate, now())).startsWith("certificate expired"));
  }

  @Test
  void refusesUserCertificates() throws Exception {
    String userCertificate = cas.issueUserCertificate(hostKey.getPublic(), "edge-1",
        List.of("root"), TestCas.ACCESS, clock.instant(), Duration.ofHours(1));

    assertEquals("certificate is a USER certificate, not a HOST one",
        refuse(request("edge-1", userCertificate, now())));
  }

  @Test
  void refusesProofsOverAnotherChallenge() throws Exception {
    CertificateProof proof = CertificateProof.sign(hostKey, certificate,
        CertificateProof.renewalChallenge("edge-2", now()));

    assertEquals("proof signature does not match the certificate key",
        refuse(new RenewRequest(proof, now())));
  }

  @Test
  void refusesNodesThatLeftOrChangedKey() {
    nodes.find(TestCas.CLUSTER, "edge-1").orElseThrow()
        .rejoin(new NodeLabels(Map.of()), "SHA256:another", clock.instant());

    assertEquals("host key of node edge-1 does not match its registration: join again",
        refuse(request("edge-1", certificate, now())));
    assertEquals(Outcome.FAILURE, audit.last().outcome());
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }

  private RenewRequest request(String node, String certificateLine, long timestamp) {
    try {
      return new RenewRequest(CertificateProof.sign(hostKey, certificateLine,
          CertificateProof.renewalChallenge(node, timestamp)), timestamp);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String refuse(RenewRequest request) {
    OutpostException error =
        assertThrows(OutpostException.class, () -> renewal.renew(request, null));
    assertEquals(OutpostException.Kind.UNAUTHENTICATED, error.kind());
    return error.getMessage();
  }
}
