package dev.outpost.application.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.api.CertificateProof;
import dev.outpost.ca.CertificateAuthorities;
import dev.outpost.ca.SshKeys;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.Outcome;
import dev.outpost.domain.cluster.LeafCluster;
import dev.outpost.domain.node.Node;
import dev.outpost.domain.node.NodeLabels;
import dev.outpost.domain.node.NodeName;
import dev.outpost.domain.role.Role;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.domain.user.UserName;
import dev.outpost.testing.InMemoryNodes;
import dev.outpost.testing.InMemoryTrustedClusters;
import dev.outpost.testing.InMemoryUsers;
import dev.outpost.testing.Keys;
import dev.outpost.testing.MutableClock;
import dev.outpost.testing.RecordingAudit;
import dev.outpost.testing.TestCas;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TunnelCredentialsTest {

  private static final byte[] NONCE = new byte[32];

  private final MutableClock clock = MutableClock.atSomeFixedTime();
  private final InMemoryNodes nodes = new InMemoryNodes();
  private final InMemoryUsers users = new InMemoryUsers();
  private final RecordingAudit audit = new RecordingAudit();
  private final CertificateAuthorities cas = TestCas.create(clock.instant());
  private final InMemoryTrustedClusters clusters = new InMemoryTrustedClusters();
  private final TunnelCredentials credentials =
      new TunnelCredentials(cas, nodes, users, clusters, audit, clock);
  private final KeyPair key = Keys.ed25519();

  @Test
  void agentWithHostCertificateOfARegisteredNode() throws Exception {
    registerNode("edge-1");

    String node = credentials.verifyAgent(NONCE, proof(hostCertificate("edge-1")), "192.0.2.7");

    assertEquals("edge-1", node);
    assertEquals(Outcome.SUCCESS, audit.last().outcome());
    assertEquals(AuditEventType.TUNNEL_AUTH, audit.last().type());
    assertEquals("edge-1", audit.last().actor());
  }

  @Test
  void agentCannotUseAUserCertificate() throws Exception {
    registerNode("edge-1");

    assertEquals("certificate is a USER certificate, not a HOST one",
        refuseAgent(proof(userCertificate("edge-1", Duration.ofHours(1)))));
    assertEquals(Outcome.FAILURE, audit.last().outcome());
  }

  @Test
  void agentOfAnUnregisteredNode() throws Exception {
    assertEquals("node edge-9 is not registered: join again",
        refuseAgent(proof(hostCertificate("edge-9"))));
  }

  @Test
  void agentWithAnotherClustersCertificate() throws Exception {
    registerNode("edge-1");
    String foreign = TestCas.create(clock.instant())
        .issueHostCertificate(key.getPublic(), "edge-1", clock.instant());

    assertTrue(refuseAgent(proof(foreign)).startsWith("certificate is not signed by this"));
  }

  @Test
  void agentAnsweringAnotherNonce() throws Exception {
    registerNode("edge-1");
    CertificateProof replayed = CertificateProof.sign(key, hostCertificate("edge-1"),
        CertificateProof.tunnelChallenge(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
            14, 15, 16}));

    assertEquals("proof signature does not match the certificate key", refuseAgent(replayed));
  }

  @Test
  void userWithAValidCertificate() throws Exception {
    User alice = new User(new UserName("alice"), Set.of(Role.ACCESS), List.of("ubuntu"),
        clock.instant());
    users.add(alice);

    UserIdentity identity = credentials.verifyUser(
        NONCE, proof(userCertificate("alice", Duration.ofHours(2))), null).identity();

    assertEquals("alice", identity.user());
    assertEquals(List.of("ubuntu"), identity.logins());
    assertEquals(clock.instant().plus(Duration.ofHours(2)), identity.expires());
  }

  @Test
  void userWithAnExpiredCertificateOrHostCertificate() throws Exception {
    users.add(new User(new UserName("alice"), Set.of(Role.ACCESS), List.of(), clock.instant()));
    CertificateProof shortLived = proof(userCertificate("alice", Duration.ofMinutes(5)));
    CertificateProof hostProof = proof(hostCertificate("alice"));
    clock.advance(Duration.ofMinutes(5));

    assertTrue(refuseUser(shortLived).startsWith("certificate expired at"));
    assertEquals("certificate is a HOST certificate, not a USER one", refuseUser(hostProof));
  }

  @Test
  void userTheProxyCannotLookUpIsRefusedAndAuditedByName() throws Exception {
    users.goAway(new IllegalStateException("Connection refused"));

    OutpostException error = assertThrows(OutpostException.class, () -> credentials.verifyUser(
        NONCE, proof(userCertificate("alice", Duration.ofHours(1))), "192.0.2.9"));

    assertEquals(OutpostException.Kind.UNAVAILABLE, error.kind());
    assertEquals(TunnelCredentials.UNCHECKED + ": try again later", error.getMessage());
    AuditRecord refused = audit.last();
    assertEquals(AuditEventType.TUNNEL_AUTH, refused.type());
    assertEquals(Outcome.FAILURE, refused.outcome());
    assertEquals("alice", refused.actor());
    assertEquals("192.0.2.9", refused.remoteAddr());
    assertEquals("client: " + TunnelCredentials.UNCHECKED
        + " (IllegalStateException: Connection refused)", refused.message());
  }

  @Test
  void userWhoIsGoneOrLocked() throws Exception {
    assertEquals("user bob no longer exists",
        refuseUser(proof(userCertificate("bob", Duration.ofHours(1)))));

    User carol = new User(new UserName("carol"), Set.of(Role.ACCESS), List.of(), clock.instant());
    users.add(carol);
    for (int i = 0; i < User.MAX_FAILED_LOGINS; i++) {
      carol.loginFailed(clock.instant());
    }
    assertEquals("user carol is locked",
        refuseUser(proof(userCertificate("carol", Duration.ofHours(1)))));
  }

  @Test
  void leafWithItsTunnelCertificate() throws Exception {
    trustLeaf("depot");

    assertEquals("depot", credentials.verifyLeaf(NONCE, proof(clusterCertificate("depot")), null));
    assertEquals(Outcome.SUCCESS, audit.last().outcome());
  }

  @Test
  void leafPresentingAUserOrNodeCertificate() throws Exception {
    trustLeaf("depot");
    registerNode("depot");

    assertEquals("certificate is a USER certificate, not a HOST one", assertThrows(
        OutpostException.class, () -> credentials.verifyLeaf(NONCE,
            proof(userCertificate("depot", Duration.ofHours(1))), null)).getMessage());
    assertEquals(Outcome.FAILURE, audit.last().outcome());
    assertEquals("certificate depot is not a cluster's tunnel certificate", assertThrows(
        OutpostException.class, () -> credentials.verifyLeaf(NONCE,
            proof(hostCertificate("depot")), null)).getMessage());
  }

  @Test
  void tunnelCertificateIsNoNodeIdentity() throws Exception {
    registerNode("depot");

    assertEquals("a cluster's tunnel certificate is not a node identity",
        refuseAgent(proof(clusterCertificate("depot"))));
  }

  @Test
  void removedLeaf() throws Exception {
    trustLeaf("depot");
    String certificate = clusterCertificate("depot");
    clusters.removeLeaf(clusters.findLeaf("depot").orElseThrow());

    assertEquals("cluster depot is not trusted here (removed, or never joined)", assertThrows(
        OutpostException.class, () -> credentials.verifyLeaf(NONCE, proof(certificate), null))
        .getMessage());
  }

  private void trustLeaf(String name) {
    clusters.addLeaf(new LeafCluster(name, SshKeys.format(Keys.ed25519().getPublic()),
        SshKeys.format(Keys.ed25519().getPublic()), SshKeys.fingerprint(key.getPublic()),
        clock.instant()));
  }

  private String clusterCertificate(String leaf) throws Exception {
    return cas.issueClusterCertificate(key.getPublic(), leaf, clock.instant());
  }

  private void registerNode(String name) {
    nodes.add(new Node(TestCas.CLUSTER, new NodeName(name), new NodeLabels(Map.of()),
        SshKeys.fingerprint(key.getPublic()), clock.instant()));
  }

  private String hostCertificate(String node) throws Exception {
    return cas.issueHostCertificate(key.getPublic(), node, clock.instant());
  }

  private String userCertificate(String user, Duration ttl) throws Exception {
    Instant now = clock.instant();
    return cas.issueUserCertificate(key.getPublic(), user, List.of("ubuntu"), TestCas.ACCESS, now,
        ttl);
  }

  private CertificateProof proof(String certificate) throws Exception {
    return CertificateProof.sign(key, certificate, CertificateProof.tunnelChallenge(NONCE));
  }

  private String refuseAgent(CertificateProof proof) {
    return assertThrows(OutpostException.class,
        () -> credentials.verifyAgent(NONCE, proof, null)).getMessage();
  }

  private String refuseUser(CertificateProof proof) {
    return assertThrows(OutpostException.class,
        () -> credentials.verifyUser(NONCE, proof, null)).getMessage();
  }
}
