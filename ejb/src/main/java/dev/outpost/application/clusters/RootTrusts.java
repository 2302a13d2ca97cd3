package dev.outpost.application.clusters;

import dev.outpost.api.CertificateProof;
import dev.outpost.api.ClusterJoinRequest;
import dev.outpost.api.ClusterJoinResponse;
import dev.outpost.api.ClusterTrustRequest;
import dev.outpost.api.TrustedCaKeys;
import dev.outpost.api.UserCertificatePermissions;
import dev.outpost.ca.CertificateAuthorities;
import dev.outpost.ca.KeyVault;
import dev.outpost.ca.SshCertificateAuthority;
import dev.outpost.ca.SshKeys;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRecorder;
import dev.outpost.domain.cluster.ClusterName;
import dev.outpost.domain.cluster.RoleMap;
import dev.outpost.domain.cluster.RootCluster;
import dev.outpost.domain.cluster.TrustedClusterRepository;
import dev.outpost.domain.role.Role;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.UserIdentity;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.apache.sshd.common.config.keys.OpenSshCertificate;

/**
 * On a leaf: the roots this cluster joined. Joining is two steps around the call to the root
 * (made by the web tier): {@link #offer} checks the request and makes the tunnel key, {@link
 * #trust} keeps what the root answered. Afterwards {@link #remoteUser} turns a root's user
 * certificate into the identity this cluster decides about: the root's signature, validity and
 * cluster checked, its roles replaced by the ones the role map gives them.
 */
public final class RootTrusts {
  private final TrustedClusterRepository clusters;
  private final CertificateAuthorities cas;
  private final KeyVault vault;
  private final AuditRecorder audit;
  private final Clock clock;
  private final SecureRandom random;

  public RootTrusts(TrustedClusterRepository clusters, CertificateAuthorities cas, KeyVault vault,
      AuditRecorder audit, Clock clock, SecureRandom random) {
    this.clusters = clusters;
    this.cas = cas;
    this.vault = vault;
    this.audit = audit;
    this.clock = clock;
    this.random = random;
  }

  /** What to send a root: this cluster's name and CA keys, a fresh tunnel key. */
  public JoinOffer offer(UserIdentity admin, ClusterTrustRequest request) {
    admin.requireRole(Role.ADMIN);
    if (request == null || request.token() == null || request.token().isBlank()) {
      throw OutpostException.badRequest("the root's trusted_cluster token is required (--token)");
    }
    RoleMap.of(request.roleMap());
    try {
      KeyPair key = SshKeys.generateEd25519(random);
      return new JoinOffer(key, new ClusterJoinRequest(request.token(), cas.cluster(),
          SshKeys.format(key.getPublic()), cas.users().publicKey(), cas.hosts().publicKey()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a tunnel key", e);
    }
  }

  /** Keeps the trust in the root that answered {@code answer}; audited as {@code cluster.join}. */
  public RootCluster trust(UserIdentity admin, ClusterTrustRequest request, JoinOffer offer,
      ClusterJoinResponse answer) {
    admin.requireRole(Role.ADMIN);
    AuditRecord attempt = AuditRecord.success(AuditEventType.CLUSTER_JOIN)
        .actor(admin.user()).target(answer.cluster())
        .message("joined root cluster at " + request.proxy());
    try {
      String name = ClusterName.checkRoot(answer.cluster(), cas.cluster());
      if (clusters.findRoot(name).isPresent()) {
        throw OutpostException.conflict("root cluster " + name + " is already trusted");
      }
      SshKeys.parsePublicKey(answer.userCa());
      SshKeys.parsePublicKey(answer.hostCa());
      RootCluster root = new RootCluster(name, request.proxy(), request.caPin(), answer.userCa(),
          answer.hostCa(), seal(offer.tunnelKey()), answer.tunnelCertificate(),
          RoleMap.of(request.roleMap()), request.forwardAudit(), clock.instant());
      clusters.addRoot(root);
      audit.record(attempt);
      return root;
    } catch (IllegalArgumentException e) {
      audit.record(attempt.failed("the root answered a malformed key: " + e.getMessage()));
      throw OutpostException.badRequest("the root answered a malformed key: " + e.getMessage());
    } catch (OutpostException e) {
      audit.record(attempt.failed(e.getMessage()));
      throw e;
    }
  }

  /** This cluster's tunnel key towards {@code root}, unsealed. */
  public KeyPair tunnelKey(RootCluster root) {
    try {
      return SshKeys.readPrivateKeyFile(
          vault.open(Base64.getDecoder().decode(root.sealedTunnelKey())), "tunnel");
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot open the tunnel key of root " + root.name(), e);
    }
  }

  /**
   * The identity of the root user whose certificate {@code certificateLine} is: {@code
   * NAME@ROOT}, the leaf roles the role map gives its root roles, its principals as its logins.
   *
   * @throws OutpostException UNAUTHENTICATED when the root did not sign it or it is not valid
   *     now, FORBIDDEN when no rule of the map gives any of its roles a leaf role
   */
  public UserIdentity remoteUser(String rootName, String certificateLine) {
    try {
      return mapped(rootName, certificateLine);
    } catch (OutpostException e) {
      audit.record(AuditRecord.failure(AuditEventType.ACCESS_DENIED, e.getMessage())
          .actor(claimedUser(certificateLine) + "@" + rootName).target(rootName));
      throw e;
    }
  }

  private static String claimedUser(String certificateLine) {
    try {
      return CertificateProof.parseCertificate(certificateLine) instanceof OpenSshCertificate c
          ? c.getId() : "?";
    } catch (GeneralSecurityException | RuntimeException e) {
      return "?";
    }
  }

  private UserIdentity mapped(String rootName, String certificateLine) {
    RootCluster root = clusters.findRoot(rootName)
        .orElseThrow(() -> OutpostException.unauthenticated(
            "cluster " + rootName + " is not a trusted root here"));
    Instant now = clock.instant();
    OpenSshCertificate certificate;
    try {
      PublicKey presented = CertificateProof.parseCertificate(certificateLine);
      certificate = SshCertificateAuthority.verify(presented, OpenSshCertificate.Type.USER,
          TrustedCaKeys.trustedAt(root.cas().userCaKeys(), now).stream()
              .map(SshKeys::parsePublicKey).toList(),
          "root cluster " + rootName + "'s user CA", now);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw OutpostException.unauthenticated("root user certificate refused: " + e.getMessage());
    }
    UserCertificatePermissions permissions = UserCertificatePermissions.of(certificate)
        .filter(found -> found.cluster().equals(rootName))
        .orElseThrow(() -> OutpostException.unauthenticated(
            "root user certificate does not name cluster " + rootName + " and its roles"));
    Set<String> local = root.roleMap().map(permissions.roles());
    String user = certificate.getId() + "@" + rootName;
    if (local.isEmpty()) {
      throw OutpostException.forbidden("access denied: none of " + user + "'s roles "
          + permissions.roles() + " is mapped to a role of cluster " + cas.cluster());
    }
    List<String> logins = certificate.getPrincipals().stream()
        .filter(login -> !login.startsWith("-")).toList();
    return new UserIdentity(user, local, logins, Instant.ofEpochSecond(certificate.getValidBefore()));
  }

  private String seal(KeyPair key) {
    try {
      return Base64.getEncoder().encodeToString(
          vault.seal(SshKeys.privateKeyFile(key, "outpost-" + cas.cluster() + "-tunnel")));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal the tunnel key", e);
    }
  }

  /**
   * What {@link #offer} made.
   *
   * @param tunnelKey the key the root certifies; sealed once the root answers
   * @param request what to post to the root's {@code /api/v1/clusters/join}
   */
  public record JoinOffer(KeyPair tunnelKey, ClusterJoinRequest request) {}
}
