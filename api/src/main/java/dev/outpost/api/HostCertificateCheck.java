package dev.outpost.api;

import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.common.config.keys.OpenSshCertificate;

/**
 * What an SSH client of a node (the CLI, or the proxy for a browser terminal) demands of the host
 * key it is shown: an OpenSSH host certificate signed by one of the cluster's host CA keys, naming
 * {@code NODE.CLUSTER}, valid now. Nodes have no stable plain host keys to remember, so a plain
 * key is refused and there is no trust on first use.
 */
public final class HostCertificateCheck {

  private HostCertificateCheck() {}

  /**
   * Why {@code key} is not acceptable for {@code principal}, or empty when it is.
   *
   * @param principal the node's name in its cluster, {@code NODE.CLUSTER}
   */
  public static Optional<String> refusal(
      PublicKey key, List<PublicKey> hostCaKeys, String principal, Instant now) {
    if (!(key instanceof OpenSshCertificate certificate)) {
      return Optional.of(
          principal + " presented a plain host key, not a host certificate of the cluster");
    }
    if (!SshCertificates.isOfType(certificate, OpenSshCertificate.Type.HOST)) {
      return Optional.of(principal + " presented a user certificate as its host key");
    }
    if (!SshCertificates.isIssuedByOneOf(certificate, hostCaKeys)) {
      return Optional.of(
          "the host certificate of " + principal + " is not signed by the cluster's host CA");
    }
    if (!SshCertificates.signatureVerifies(certificate)) {
      return Optional.of("the host certificate of " + principal + " has an invalid signature");
    }
    if (!SshCertificates.namesPrincipal(certificate, principal)) {
      return Optional.of(
          "the host certificate names " + certificate.getPrincipals() + ", not " + principal);
    }
    if (!SshCertificates.isValidAt(certificate, now)) {
      return Optional.of("the host certificate of " + principal + " is not valid now");
    }
    return Optional.empty();
  }
}
