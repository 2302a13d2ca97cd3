package dev.outpost.application.join;

import dev.outpost.api.CertificateProof;
import dev.outpost.api.JoinResponse;
import dev.outpost.api.RenewRequest;
import dev.outpost.application.tunnel.CertificateProofVerifier;
import dev.outpost.ca.CertificateAuthorities;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRecorder;
import dev.outpost.domain.node.Node;
import dev.outpost.domain.node.NodeRepository;
import dev.outpost.domain.shared.OutpostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.sshd.common.config.keys.OpenSshCertificate;

/**
 * A node renews its host certificate: it signs {@code renewalChallenge(node, timestamp)} with the
 * key of its current, still valid certificate; the node must still be registered with that key.
 * The timestamp bounds replays to the allowed clock skew.
 */
public final class HostRenewal {

  public static final Duration MAX_SKEW = Duration.ofMinutes(5);

  private final NodeRepository nodes;
  private final CertificateAuthorities cas;
  private final AuditRecorder audit;
  private final Clock clock;

  public HostRenewal(NodeRepository nodes, CertificateAuthorities cas, AuditRecorder audit,
      Clock clock) {
    this.nodes = nodes;
    this.cas = cas;
    this.audit = audit;
    this.clock = clock;
  }

  public JoinResponse renew(RenewRequest request, String remoteAddr) {
    AuditRecord attempt = AuditRecord.success(AuditEventType.CERT_RENEW).remoteAddr(remoteAddr);
    try {
      if (request == null) {
        throw OutpostException.badRequest("renewal request is empty");
      }
      String claimed = CertificateProofVerifier.claimedKeyId(request.proof());
      attempt = attempt.actor(claimed).node(claimed);
      Instant now = clock.instant();
      Instant signedAt = Instant.ofEpochSecond(request.timestamp());
      if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
        throw OutpostException.unauthenticated(
            "renewal timestamp is more than 5 minutes off the proxy's clock");
      }
      OpenSshCertificate certificate = CertificateProofVerifier.verify(request.proof(),
          CertificateProof.renewalChallenge(claimed, request.timestamp()), cas.hosts(), now);
      Node node = CertificateProofVerifier.registeredNode(certificate, nodes, cas.cluster());
      JoinResponse response =
          NodeJoining.response(node.name(), certificate.getCertPubKey(), now, cas);
      audit.record(attempt);
      return response;
    } catch (OutpostException e) {
      audit.record(attempt.failed(e.getMessage()));
      throw e;
    }
  }
}
