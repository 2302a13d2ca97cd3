package dev.outpost.agent.ssh;

import dev.outpost.agent.identity.UserCaKeys;
import dev.outpost.api.SshCertificates;
import dev.outpost.api.UserCertificatePermissions;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.sshd.common.config.keys.KeyUtils;
import dev.outpost.tunnel.StreamTarget;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;

/**
 * Admits a public key only when it is an OpenSSH user certificate that Outpost issued for the
 * requested login, and decides this on its own: MINA's {@code UserAuthPublicKey} already checks a
 * certificate's type, validity and CA signature before asking, and then the client's signature,
 * but neither which CA signed nor for whom. Every rule is checked here again so that this class
 * stands alone (with the checks of {@link SshCertificates}, which the proxy and the CLI use too):
 *
 * <ol>
 *   <li>a certificate, not a plain key (there are no authorized_keys);
 *   <li>of type user;
 *   <li>signed by a key of {@code user_ca.pub} trusted now, and the signature verifies;
 *   <li>valid now: valid-after ≤ now &lt; valid-before, by the injected clock;
 *   <li>the requested login is among the principals;
 *   <li>no critical options: we enforce none ({@code force-command}, {@code source-address}), and
 *       a restriction we would ignore must not pass for an accepted one;
 *   <li>it names this node's cluster and the roles it was issued for ({@link
 *       UserCertificatePermissions}), whose permissions are then remembered on the session for
 *       forwarding and file copy to enforce.
 * </ol>
 */
public final class UserCertificateAuthenticator implements PublickeyAuthenticator {
  private static final Logger LOG = Logger.getLogger(UserCertificateAuthenticator.class.getName());
  static final String ROOT_CA = "ca";
  static final String ROOT_CLUSTER = "cluster";
  static final String GRANTS = "grants";

  private final Supplier<UserCaKeys> userCas;
  private final String cluster;
  private final Clock clock;

  /**
   * @param userCas the trusted CA keys, read on each attempt so that renewal's update applies at
   *     once
   * @param cluster this node's cluster, which certificates must name; a root cluster's user is
   *     admitted only on a tunnel stream where this cluster's proxy named the root's CA ({@link
   *     TunnelClientAddress})
   */
  public UserCertificateAuthenticator(Supplier<UserCaKeys> userCas, String cluster, Clock clock) {
    this.userCas = userCas;
    this.cluster = cluster;
    this.clock = clock;
  }

  @Override
  public boolean authenticate(String login, PublicKey key, ServerSession session) {
    Optional<StreamTarget> stream = TunnelClientAddress.streamOf(session.getClientAddress());
    String refusal = refusal(login, key, stream);
    if (refusal == null) {
      SessionPermissions.remember(session, permissions((OpenSshCertificate) key, stream));
      return true;
    }
    // OpenSSH clients offer the plain key after its certificate: routine, not worth an INFO line
    LOG.log(
        key instanceof OpenSshCertificate ? Level.INFO : Level.FINE,
        () -> "refused SSH login " + login + ": " + refusal);
    return false;
  }

  /** Why {@code key} may not log in as {@code login}, or {@code null} when it may. */
  String refusal(String login, PublicKey key) {
    return refusal(login, key, Optional.empty());
  }

  /**
   * As {@link #refusal(String, PublicKey)}, for a connection that came over {@code stream}: a
   * certificate of a root cluster passes only where this cluster's proxy named that root's CA
   * ({@code ca}, {@code cluster}) and the user it authorised ({@code user = ID@ROOT}).
   */
  String refusal(String login, PublicKey key, Optional<StreamTarget> stream) {
    if (!(key instanceof OpenSshCertificate certificate)) {
      return "not a certificate (plain keys are not accepted)";
    }
    if (!SshCertificates.isOfType(certificate, OpenSshCertificate.Type.USER)) {
      return "not a user certificate";
    }
    String expectedCluster = cluster;
    if (!SshCertificates.isIssuedByOneOf(certificate, userCas.get().trustedAt(clock.instant()))) {
      Optional<String> root = trustedRoot(certificate, stream);
      if (root.isEmpty()) {
        return "certificate signed by an unknown CA";
      }
      expectedCluster = root.get();
    }
    if (!SshCertificates.signatureVerifies(certificate)) {
      return "certificate signature does not verify";
    }
    if (!SshCertificates.isValidAt(certificate, clock.instant())) {
      return "certificate expired or not yet valid";
    }
    if (!SshCertificates.namesPrincipal(certificate, login)) {
      return "certificate " + certificate.getId() + " does not name login " + login;
    }
    if (!certificate.getCriticalOptions().isEmpty()) {
      return "certificate has critical options this node does not enforce";
    }
    Optional<UserCertificatePermissions> permissions = UserCertificatePermissions.of(certificate);
    if (permissions.isEmpty()) {
      return "certificate names no cluster and roles";
    }
    if (!expectedCluster.equals(permissions.get().cluster())) {
      return "certificate is for cluster " + permissions.get().cluster() + ", not " + expectedCluster;
    }
    return null;
  }

  /** The root cluster the proxy vouched for on {@code stream}, if it signed {@code certificate}. */
  private static Optional<String> trustedRoot(OpenSshCertificate certificate,
      Optional<StreamTarget> stream) {
    return stream
        .filter(target -> target.fields().containsKey(ROOT_CA)
            && target.field(ROOT_CA).equals(KeyUtils.getFingerPrint(certificate.getCaPubKey()))
            && target.field("user").equals(certificate.getId() + "@" + target.field(ROOT_CLUSTER)))
        .map(target -> target.field(ROOT_CLUSTER));
  }

  /**
   * What the session may do: the certificate's permissions, and for a root cluster's user no more
   * than this cluster's roles grant ({@code grants} on the stream).
   */
  private UserCertificatePermissions permissions(OpenSshCertificate certificate,
      Optional<StreamTarget> stream) {
    UserCertificatePermissions own = UserCertificatePermissions.of(certificate).orElseThrow();
    if (own.cluster().equals(cluster) || stream.isEmpty()) {
      return own;
    }
    return UserCertificatePermissions.fromGrants(
            stream.get().fields().getOrDefault(GRANTS, ""), own.cluster(), own.roles())
        .map(own::limitedTo)
        .orElseThrow();
  }
}
