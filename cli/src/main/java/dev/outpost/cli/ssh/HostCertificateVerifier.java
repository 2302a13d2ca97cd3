package dev.outpost.cli.ssh;

import dev.outpost.api.SshCertificates;
import java.net.SocketAddress;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.OpenSshCertificate;

/**
 * Accepts a node only if it presents an OpenSSH host certificate signed by one of the cluster's
 * host CA keys, naming {@code NODE.CLUSTER}, valid now. Nodes have no stable plain host keys to
 * remember, so there is no trust on first use and no known-hosts fallback: a plain key is refused.
 *
 * <p>MINA's key exchange already checks a certificate's signature and principals; every check is
 * repeated here, with the checks of {@link SshCertificates} that the proxy and the agent use too,
 * so that trust never hinges on a MINA default.
 */
public final class HostCertificateVerifier implements ServerKeyVerifier {

  private final List<PublicKey> hostCaKeys;
  private final String principal;
  private final Clock clock;
  private volatile String refusal;

  /**
   * @param hostCaKeys the cluster's host CA keys
   * @param principal the node's name in its cluster, {@code NODE.CLUSTER}
   */
  public HostCertificateVerifier(List<PublicKey> hostCaKeys, String principal, Clock clock) {
    this.hostCaKeys = List.copyOf(hostCaKeys);
    this.principal = principal;
    this.clock = clock;
  }

  @Override
  public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey serverKey) {
    refusal = check(serverKey, clock.instant()).orElse(null);
    return refusal == null;
  }

  /** Why the last presented key was refused, if it was. */
  public Optional<String> refusal() {
    return Optional.ofNullable(refusal);
  }

  Optional<String> check(PublicKey key, Instant now) {
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
