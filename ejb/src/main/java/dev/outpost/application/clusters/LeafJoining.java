package dev.outpost.application.clusters;

import dev.outpost.api.ClusterJoinRequest;
import dev.outpost.api.ClusterJoinResponse;
import dev.outpost.ca.CertificateAuthorities;
import dev.outpost.ca.SshKeys;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRecorder;
import dev.outpost.domain.cluster.ClusterName;
import dev.outpost.domain.cluster.LeafCluster;
import dev.outpost.domain.cluster.TrustedClusterRepository;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.shared.SecretToken;
import dev.outpost.domain.token.JoinToken;
import dev.outpost.domain.token.JoinTokenRepository;
import dev.outpost.domain.token.TokenType;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;

/**
 * On a root: a leaf cluster joins. Its {@code trusted_cluster} token is redeemed (once), its name
 * checked (a DNS label, not this cluster's, not a leaf's already), its CA keys kept, and a tunnel
 * certificate issued for the key it offers. Audited as {@code cluster.join}.
 */
public final class LeafJoining {
  private final JoinTokenRepository tokens;
  private final TrustedClusterRepository clusters;
  private final CertificateAuthorities cas;
  private final AuditRecorder audit;
  private final Clock clock;

  public LeafJoining(JoinTokenRepository tokens, TrustedClusterRepository clusters,
      CertificateAuthorities cas, AuditRecorder audit, Clock clock) {
    this.tokens = tokens;
    this.clusters = clusters;
    this.cas = cas;
    this.audit = audit;
    this.clock = clock;
  }

  public ClusterJoinResponse join(ClusterJoinRequest request, String remoteAddr) {
    String claimed = request == null ? null : request.cluster();
    AuditRecord attempt = AuditRecord.success(AuditEventType.CLUSTER_JOIN)
        .actor(claimed).target(claimed).remoteAddr(remoteAddr);
    try {
      if (request == null || request.token() == null || request.token().isBlank()) {
        throw OutpostException.unauthenticated(JoinToken.INVALID);
      }
      String name = ClusterName.check(request.cluster(), cas.cluster());
      PublicKey tunnelKey = key(request.tunnelKey(), "tunnel_key");
      PublicKey userCa = key(request.userCa(), "user_ca");
      PublicKey hostCa = key(request.hostCa(), "host_ca");
      Instant now = clock.instant();
      tokens.findForUpdate(SecretToken.hash(request.token()))
          .orElseThrow(() -> OutpostException.unauthenticated(JoinToken.INVALID))
          .redeem(TokenType.TRUSTED_CLUSTER, name, now);
      if (clusters.findLeaf(name).isPresent()) {
        throw OutpostException.conflict("a leaf cluster named " + name
            + " is already trusted: remove it first (outpost admin clusters rm " + name + ")");
      }
      String fingerprint = SshKeys.fingerprint(tunnelKey);
      clusters.addLeaf(new LeafCluster(name, SshKeys.format(userCa), SshKeys.format(hostCa),
          fingerprint, now));
      ClusterJoinResponse response = new ClusterJoinResponse(cas.cluster(),
          cas.users().publicKey(), cas.hosts().publicKey(), certificate(tunnelKey, name, now));
      audit.record(attempt.message("tunnel key " + fingerprint));
      return response;
    } catch (OutpostException e) {
      audit.record(attempt.failed(e.getMessage()));
      throw e;
    }
  }

  private String certificate(PublicKey key, String leaf, Instant now) {
    try {
      return cas.issueClusterCertificate(key, leaf, now);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the tunnel certificate", e);
    }
  }

  private static PublicKey key(String line, String field) {
    try {
      return SshKeys.parsePublicKey(line);
    } catch (IllegalArgumentException e) {
      throw OutpostException.badRequest(field + ": " + e.getMessage());
    }
  }
}
