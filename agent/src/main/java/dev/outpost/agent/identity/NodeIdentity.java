package dev.outpost.agent.identity;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * Everything a joined node is: its place in the cluster, its host key and certificate, the user
 * CAs it trusts for SSH logins and the cluster CA it trusts for TLS to the proxy.
 *
 * @param node cluster, node and proxy address
 * @param hostKey the node's Ed25519 key pair
 * @param hostCertificate the host certificate issued for {@code hostKey}
 * @param userCas the CA keys whose user certificates open SSH sessions on this node
 * @param clusterCa the X.509 CA that issued the proxy's TLS certificate
 */
public record NodeIdentity(
    NodeProperties node,
    KeyPair hostKey,
    HostCertificate hostCertificate,
    UserCaKeys userCas,
    X509Certificate clusterCa) {

  public NodeIdentity {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(hostKey, "hostKey");
    Objects.requireNonNull(hostCertificate, "hostCertificate");
    Objects.requireNonNull(userCas, "userCas");
    Objects.requireNonNull(clusterCa, "clusterCa");
  }

  /** The same node with a renewed certificate and the proxy's current user CA keys. */
  public NodeIdentity renewed(HostCertificate certificate, UserCaKeys currentUserCas) {
    return new NodeIdentity(node, hostKey, certificate, currentUserCas, clusterCa);
  }
}
