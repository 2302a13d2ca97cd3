package dev.outpost.cli.ssh;

import dev.outpost.api.HostCertificateCheck;
import java.net.SocketAddress;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;

/**
 * Accepts a node only if its host key passes {@link HostCertificateCheck}. MINA's key exchange
 * already checks a certificate's signature and principals; every check is repeated here, so that
 * trust never hinges on a MINA default.
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
    return HostCertificateCheck.refusal(key, hostCaKeys, principal, now);
  }
}
