package dev.outpost.application.tunnel;

import dev.outpost.api.CertificateProof;
import dev.outpost.ca.SshCertificateAuthority;
import dev.outpost.ca.SshKeys;
import dev.outpost.domain.node.Node;
import dev.outpost.domain.node.NodeRepository;
import dev.outpost.domain.shared.OutpostException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Instant;
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
    Node node = nodes.find(cluster, certificate.getId())
        .orElseThrow(() -> OutpostException.unauthenticated(
            "node " + certificate.getId() + " is not registered: join again"));
    node.requireHostKey(SshKeys.fingerprint(certificate.getCertPubKey()));
    return node;
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
