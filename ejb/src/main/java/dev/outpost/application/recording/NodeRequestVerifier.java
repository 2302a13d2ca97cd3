package dev.outpost.application.recording;

import dev.outpost.api.CertificateProof;
import dev.outpost.application.join.HostRenewal;
import dev.outpost.application.tunnel.CertificateProofVerifier;
import dev.outpost.ca.SshCertificateAuthority;
import dev.outpost.domain.node.NodeRepository;
import dev.outpost.domain.shared.OutpostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.apache.sshd.common.config.keys.OpenSshCertificate;

/**
 * Authenticates a node's REST request: a proof over {@code nodeRequestChallenge(node, subject,
 * timestamp)} made with the key of a valid host certificate of a still registered node, at most
 * {@link HostRenewal#MAX_SKEW} away from the proxy's clock.
 */
public final class NodeRequestVerifier implements NodeAuthenticator {
  private final Supplier<SshCertificateAuthority> hostCa;
  private final NodeRepository nodes;
  private final String cluster;
  private final Clock clock;

  public NodeRequestVerifier(Supplier<SshCertificateAuthority> hostCa, NodeRepository nodes,
      String cluster, Clock clock) {
    this.hostCa = hostCa;
    this.nodes = nodes;
    this.cluster = cluster;
    this.clock = clock;
  }

  /**
   * @return the name of the node that made the request
   * @throws OutpostException UNAUTHENTICATED naming the failed check
   */
  @Override
  public String verify(CertificateProof proof, String subject, long timestamp) {
    String claimed = CertificateProofVerifier.claimedKeyId(proof);
    Instant now = clock.instant();
    Duration skew = Duration.between(Instant.ofEpochSecond(timestamp), now).abs();
    if (skew.compareTo(HostRenewal.MAX_SKEW) > 0) {
      throw OutpostException.unauthenticated(
          "request timestamp is more than 5 minutes off the proxy's clock");
    }
    OpenSshCertificate certificate = CertificateProofVerifier.verify(proof,
        CertificateProof.nodeRequestChallenge(claimed, subject, timestamp), hostCa.get(), now);
    return CertificateProofVerifier.registeredNode(certificate, nodes, cluster).name();
  }
}
