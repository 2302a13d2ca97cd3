package dev.outpost.application.tunnel;

import dev.outpost.api.CertificateProof;
import dev.outpost.ca.SshCertificateAuthority;
import dev.outpost.ca.SshCertificateRequest;
import dev.outpost.domain.cluster.LeafCluster;
import dev.outpost.domain.cluster.TrustedClusterRepository;
import dev.outpost.ca.SshKeys;
import dev.outpost.domain.node.Node;
import dev.outpost.domain.node.NodeRepository;
import dev.outpost.domain.shared.OutpostException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import org.apache.sshd.common.config.keys.OpenSshCertificate;

/**
 * Checks a proof in two steps: the signature over the challenge shows possession of the
 * certificate's key; the CA check shows the certificate is ours, of the right type and valid. An
 * agent's host certificate must then belong to a node that is still registered with that key.
 */
public final class CertificateProofVerifier {

  private CertificateProofVerifier() {}

  /**
   * @return the verified certificate
   * @throws OutpostException UNAUTHENTICATED naming the check that failed
   */
  public static OpenSshCertificate verify(CertificateProof proof, byte[] challenge,
      SshCertificateAuthority ca, Instant now) {
    if (proof == null) {
      throw OutpostException.unauthenticated("certificate proof is missing");
    }
    try {
      PublicKey key = proof.verify(challenge);
      return ca.verify(key, now);
    } catch (GeneralSecurityException e) {
      throw OutpostException.unauthenticated(e.getMessage());
    }
  }

  /**
   * The node a verified host certificate was issued to. It must still be registered with the
   * certified key: a node that joined again with a new key cannot go on with its old certificate.
   *
   * @throws OutpostException UNAUTHENTICATED when the node is gone or its key changed
   */
  public static Node registeredNode(OpenSshCertificate certificate, NodeRepository nodes,
      String cluster) {
    if (isClusterCertificate(certificate)) {
      throw OutpostException.unauthenticated("a cluster's tunnel certificate is not a node identity");
    }
    Node node = nodes.find(cluster, certificate.getId())
        .orElseThrow(() -> OutpostException.unauthenticated(
            "node " + certificate.getId() + " is not registered: join again"));
    node.requireHostKey(SshKeys.fingerprint(certificate.getCertPubKey()));
    return node;
  }

  /**
   * The leaf a verified host certificate was issued to as its tunnel certificate: principal
   * {@code cluster:NAME} only, and a leaf still trusted with the certified key.
   *
   * @throws OutpostException UNAUTHENTICATED when it is no leaf's, the leaf is gone or its key
   *     changed
   */
  public static LeafCluster trustedLeaf(OpenSshCertificate certificate,
      TrustedClusterRepository clusters) {
    String leafName = certificate.getId();
    if (!certificate.getPrincipals().equals(
        List.of(SshCertificateRequest.CLUSTER_PRINCIPAL_PREFIX + leafName))) {
      throw OutpostException.unauthenticated("certificate " + leafName
          + " is not a cluster's tunnel certificate");
    }
    LeafCluster leaf = clusters.findLeaf(leafName)
        .orElseThrow(() -> OutpostException.unauthenticated(
            "cluster " + leafName + " is not trusted here (removed, or never joined)"));
    leaf.requireTunnelKey(SshKeys.fingerprint(certificate.getCertPubKey()));
    return leaf;
  }

  private static boolean isClusterCertificate(OpenSshCertificate certificate) {
    return certificate.getPrincipals().stream()
        .anyMatch(principal -> principal.startsWith(SshCertificateRequest.CLUSTER_PRINCIPAL_PREFIX));
  }

  /** The key id a proof's certificate claims, before it is verified (to build the challenge). */
  public static String claimedKeyId(CertificateProof proof) {
    if (proof == null || proof.certificate() == null) {
      throw OutpostException.unauthenticated("certificate proof is missing");
    }
    try {
      PublicKey key = CertificateProof.parseCertificate(proof.certificate());
      if (key instanceof OpenSshCertificate certificate) {
        return certificate.getId();
      }
      throw OutpostException.unauthenticated("a plain key was presented, not a certificate");
    } catch (GeneralSecurityException e) {
      throw OutpostException.unauthenticated(e.getMessage());
    }
  }
}
