package dev.outpost.application.tunnel;

import dev.outpost.api.CertificateProof;
import dev.outpost.application.audit.DatabaseRefusal;
import dev.outpost.ca.CertificateAuthorities;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRecorder;
import dev.outpost.domain.cluster.LeafCluster;
import dev.outpost.domain.cluster.TrustedClusterRepository;
import dev.outpost.domain.node.NodeRepository;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.domain.user.UserRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.sshd.common.config.keys.OpenSshCertificate;

/**
 * Verifies the credentials of tunnel handshakes: agents by host certificate, users by user one.
 * Every refusal is audited as a failed {@code tunnel.auth}, also one for want of the database.
 */
public final class TunnelCredentials {

  static final int MIN_NONCE_BYTES = 16;
  static final String UNCHECKED = "the proxy cannot check credentials now";

  private final CertificateAuthorities cas;
  private final NodeRepository nodes;
  private final UserRepository users;
  private final TrustedClusterRepository clusters;
  private final AuditRecorder audit;
  private final Clock clock;

  public TunnelCredentials(CertificateAuthorities cas, NodeRepository nodes, UserRepository users,
      TrustedClusterRepository clusters, AuditRecorder audit, Clock clock) {
    this.cas = cas;
    this.nodes = nodes;
    this.users = users;
    this.clusters = clusters;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * An agent's proof: a host certificate of this cluster for a registered node and its key.
   *
   * @return the node name
   */
  public String verifyAgent(byte[] nonce, CertificateProof proof, String remoteAddr) {
    AuditRecord attempt = AuditRecord.success(AuditEventType.TUNNEL_AUTH)
        .remoteAddr(remoteAddr).message("agent");
    return audited(attempt, () -> {
      OpenSshCertificate certificate = CertificateProofVerifier.verify(
          proof, challenge(nonce), cas.hosts(), clock.instant());
      return CertificateProofVerifier.registeredNode(certificate, nodes, cas.cluster()).name();
    }, name -> attempt.actor(name).node(name));
  }

  /**
   * A leaf cluster's proof: its tunnel certificate from this cluster's host CA, for a leaf still
   * trusted with that key. A user certificate (of a root user or any other) is refused here.
   *
   * @return the leaf's name
   */
  public String verifyLeaf(byte[] nonce, CertificateProof proof, String remoteAddr) {
    AuditRecord attempt = AuditRecord.success(AuditEventType.TUNNEL_AUTH)
        .remoteAddr(remoteAddr).message("leaf cluster");
    return audited(attempt, () -> {
      OpenSshCertificate certificate = CertificateProofVerifier.verify(
          proof, challenge(nonce), cas.hosts(), clock.instant());
      LeafCluster leaf = CertificateProofVerifier.trustedLeaf(certificate, clusters);
      leaf.seen(clock.instant());
      return leaf.name();
    }, name -> attempt.actor(name).target(name));
  }

  /**
   * A user's proof: a user certificate of this cluster for a user who may still log in. Once the
   * certificate is checked, its user is the attempt's actor, also when the account is refused.
   */
  public VerifiedUser verifyUser(byte[] nonce, CertificateProof proof, String remoteAddr) {
    AuditRecord attempt = AuditRecord.success(AuditEventType.TUNNEL_AUTH)
        .remoteAddr(remoteAddr).message("client");
    Instant now = clock.instant();
    OpenSshCertificate certificate = audited(attempt,
        () -> CertificateProofVerifier.verify(proof, challenge(nonce), cas.users(), now), null);
    AuditRecord claimed = attempt.actor(certificate.getId());
    return audited(claimed, () -> {
      User user = users.findByName(certificate.getId())
          .orElseThrow(() -> OutpostException.unauthenticated(
              "user " + certificate.getId() + " no longer exists"));
      if (user.isLockedAt(now)) {
        throw OutpostException.unauthenticated("user " + user.name() + " is locked");
      }
      return new VerifiedUser(user.identity(Instant.ofEpochSecond(certificate.getValidBefore())),
          proof.certificate());
    }, verified -> claimed);
  }

  /** Audits, as a failed tunnel.auth, a node that tried to resume another node's tunnel session. */
  public void resumeRefused(String claimant, String owner, String sessionId) {
    audit.record(AuditRecord.success(AuditEventType.TUNNEL_AUTH)
        .actor(claimant).node(claimant)
        .failed("resume refused: tunnel session " + sessionId + " belongs to node " + owner));
  }

  /**
   * Runs {@code verification}, auditing a refusal as the attempt's failure; a verification that
   * cannot be done (the database is away) is refused and audited too.
   *
   * @param success the event of a success, or null when a later step audits it
   */
  private <T> T audited(AuditRecord attempt, Supplier<T> verification,
      Function<T, AuditRecord> success) {
    T result;
    try {
      result = verification.get();
    } catch (OutpostException e) {
      audit.record(attempt.failed(attempt.message() + ": " + e.getMessage()));
      throw e;
    } catch (RuntimeException e) {
      audit.record(attempt.failed(attempt.message() + ": " + UNCHECKED + " ("
          + DatabaseRefusal.rootCause(e) + ")"));
      throw OutpostException.unavailable(UNCHECKED + ": try again later");
    }
    if (success != null) {
      audit.record(success.apply(result));
    }
    return result;
  }

  private static byte[] challenge(byte[] nonce) {
    if (nonce == null || nonce.length < MIN_NONCE_BYTES) {
      throw OutpostException.unauthenticated("handshake nonce is missing or too short");
    }
    return CertificateProof.tunnelChallenge(nonce);
  }
}
