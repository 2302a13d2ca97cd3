package dev.outpost.application.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.api.CertificateProof;
import dev.outpost.api.JoinRequest;
import dev.outpost.api.JoinResponse;
import dev.outpost.ca.CertificateAuthorities;
import dev.outpost.ca.SshKeys;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.Outcome;
import dev.outpost.domain.node.Node;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.shared.SecretToken;
import dev.outpost.domain.token.JoinToken;
import dev.outpost.domain.token.TokenType;
import dev.outpost.testing.InMemoryNodes;
import dev.outpost.testing.InMemoryTokens;
import dev.outpost.testing.Keys;
import dev.outpost.testing.MutableClock;
import dev.outpost.testing.RecordingAudit;
import dev.outpost.testing.TestCas;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.junit.jupiter.api.Test;

class NodeJoiningTest {

  private final MutableClock clock = MutableClock.atSomeFixedTime();
  private final InMemoryTokens tokens = new InMemoryTokens();
  private final InMemoryNodes nodes = new InMemoryNodes();
  private final RecordingAudit audit = new RecordingAudit();
  private final CertificateAuthorities cas = TestCas.create(clock.instant());
  private final NodeJoining joining = new NodeJoining(tokens, nodes, cas, audit, clock);
  private final KeyPair hostKey = Keys.ed25519();

  @Test
  void joinRegistersTheNodeAndCertifiesItsKey() throws Exception {
    String token = token(TokenType.NODE, Duration.ofMinutes(30));

    JoinResponse response = joining.join(request(token, "edge-1"), "192.0.2.7");

    assertEquals(TestCas.CLUSTER, response.cluster());
    assertEquals("edge-1", response.node());
    assertEquals(List.of(cas.users().publicKey()), response.userCaKeys());
    assertEquals(cas.tls().certificatePem(), response.tlsCaPem());
    OpenSshCertificate certificate = cas.hosts().verify(
        CertificateProof.parseCertificate(response.hostCertificate()), clock.instant());
    assertEquals(List.of("edge-1", "edge-1." + TestCas.CLUSTER),
        List.copyOf(certificate.getPrincipals()));
    Node node = nodes.find(TestCas.CLUSTER, "edge-1").orElseThrow();
    assertEquals(Map.of("env", "edge"), node.labels());
    assertEquals(SshKeys.fingerprint(hostKey.getPublic()), node.hostKeyFingerprint());
    AuditRecord event = audit.last();
    assertEquals(AuditEventType.JOIN, event.type());
    assertEquals(Outcome.SUCCESS, event.outcome());
    assertEquals("edge-1", event.actor());
    assertEquals("192.0.2.7", event.remoteAddr());
  }

  @Test
  void aTokenJoinsOnce() {
    String token = token(TokenType.NODE, Duration.ofMinutes(30));
    joining.join(request(token, "edge-1"), "192.0.2.7");

    OutpostException reuse = assertThrows(OutpostException.class,
        () -> joining.join(request(token, "edge-2"), "192.0.2.8"));

    assertEquals(OutpostException.Kind.UNAUTHENTICATED, reuse.kind());
    assertEquals(JoinToken.INVALID, reuse.getMessage());
    assertEquals(Outcome.FAILURE, audit.last().outcome());
    assertEquals(JoinToken.INVALID, audit.last().message());
    assertTrue(nodes.find(TestCas.CLUSTER, "edge-2").isEmpty());
  }

  @Test
  void expiredUnknownAndForeignTypeTokensAreRefusedAlike() {
    String expired = token(TokenType.NODE, Duration.ofMinutes(30));
    String kube = token(TokenType.KUBE, Duration.ofHours(1));
    clock.advance(Duration.ofMinutes(30));

    for (String token : List.of(expired, kube, "0123456789abcdef0123456789abcdef")) {
      assertEquals(JoinToken.INVALID, assertThrows(OutpostException.class,
          () -> joining.join(request(token, "edge-1"), null)).getMessage());
    }
    assertEquals(3, audit.count(AuditEventType.JOIN, Outcome.FAILURE));
  }

  @Test
  void invalidRequestsAreRefusedAuditedAndLeaveTheTokenUnused() {
    String token = token(TokenType.NODE, Duration.ofMinutes(30));

    OutpostException badName = assertThrows(OutpostException.class,
        () -> joining.join(request(token, "Edge_1"), null));
    OutpostException badKey = assertThrows(OutpostException.class, () -> joining.join(
        new JoinRequest(token, "edge-1", Map.of(), "ssh-rsa AAAA"), null));

    assertEquals(OutpostException.Kind.BAD_REQUEST, badName.kind());
    assertEquals(OutpostException.Kind.BAD_REQUEST, badKey.kind());
    assertEquals(2, audit.count(AuditEventType.JOIN, Outcome.FAILURE));
    joining.join(request(token, "edge-1"), null);
  }

  @Test
  void rejoiningRefreshesLabelsAndKey() {
    joining.join(request(token(TokenType.NODE, Duration.ofMinutes(5)), "edge-1"), null);
    KeyPair newKey = Keys.ed25519();

    joining.join(new JoinRequest(token(TokenType.NODE, Duration.ofMinutes(5)), "edge-1",
        Map.of("env", "prod"), Keys.line(newKey)), null);

    Node node = nodes.find(TestCas.CLUSTER, "edge-1").orElseThrow();
    assertEquals(Map.of("env", "prod"), node.labels());
    assertEquals(SshKeys.fingerprint(newKey.getPublic()), node.hostKeyFingerprint());
    assertEquals(1, nodes.list(TestCas.CLUSTER).size());
  }

  private JoinRequest request(String token, String name) {
    return new JoinRequest(token, name, Map.of("env", "edge"), Keys.line(hostKey));
  }

  private String token(TokenType type, Duration ttl) {
    String secret = SecretToken.generate(new SecureRandom(), 16);
    tokens.add(new JoinToken(SecretToken.hash(secret), type, ttl, "admin", clock.instant()));
    return secret;
  }
}
