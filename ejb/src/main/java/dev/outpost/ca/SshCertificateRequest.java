package dev.outpost.ca;

import dev.outpost.api.UserCertificatePermissions;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.sshd.common.config.keys.OpenSshCertificate;

/**
 * What an SSH CA is asked to sign, checked once here. Build one with {@link #user} or {@link
 * #host}, which fix the cluster's certificate policy.
 *
 * @param type user or host certificate
 * @param publicKey the key to certify
 * @param keyId the user or node name
 * @param principals logins of a user, names of a host; never empty, since OpenSSH reads an empty
 *     list as "any principal"
 * @param validAfter start of validity
 * @param validBefore end of validity
 * @param extensions for users: a terminal, cluster, roles and what the roles permit; none for
 *     hosts
 */
public record SshCertificateRequest(
    OpenSshCertificate.Type type,
    PublicKey publicKey,
    String keyId,
    List<String> principals,
    Instant validAfter,
    Instant validBefore,
    Map<String, String> extensions) {

  /** Clock skew allowance: certificates start this long before they are issued. */
  public static final Duration BACKDATE = Duration.ofSeconds(60);
  public static final Duration MAX_USER_TTL = Duration.ofHours(12);
  public static final Duration HOST_VALIDITY = Duration.ofDays(7);
  /**
   * A leaf's tunnel certificate. Long, like the proxy's TLS certificate: the root accepts it only
   * with the key the leaf joined with, so removing the leaf revokes it at once.
   */
  public static final Duration CLUSTER_VALIDITY = Duration.ofDays(365);
  /** The principal of leaf tunnel certificates, which no node name can be (it has a colon). */
  public static final String CLUSTER_PRINCIPAL_PREFIX = "cluster:";
  /** Principal of users who may not log in anywhere; no OS account can have this name. */
  static final String NO_LOGIN = "-outpost-nologin";

  public SshCertificateRequest {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(validAfter, "validAfter");
    Objects.requireNonNull(validBefore, "validBefore");
    if (keyId == null || keyId.isBlank()) {
      throw new IllegalArgumentException("certificate key id is empty");
    }
    principals = List.copyOf(principals);
    if (principals.isEmpty() || principals.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("certificate principals must be non-empty names");
    }
    extensions = Map.copyOf(extensions);
    if (!validBefore.isAfter(validAfter)) {
      throw new IllegalArgumentException("certificate validity ends before it starts");
    }
  }

  /**
   * A user certificate for {@code logins} with {@code permissions}, valid for {@code ttl} (at most
   * 12 hours) from now. Nothing that forwards agents or X11 or runs user rc files.
   */
  public static SshCertificateRequest user(PublicKey key, String user, List<String> logins,
      UserCertificatePermissions permissions, Instant now, Duration ttl) {
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_USER_TTL) > 0) {
      throw new IllegalArgumentException("user certificate lifetime must be within 12 hours");
    }
    List<String> principals = logins.isEmpty() ? List.of(NO_LOGIN) : logins;
    return new SshCertificateRequest(OpenSshCertificate.Type.USER, key, user, principals,
        now.minus(BACKDATE), now.plus(ttl), permissions.extensions());
  }

  /** A host certificate naming {@code node} and {@code node.cluster}, valid for 7 days. */
  public static SshCertificateRequest host(
      PublicKey key, String node, String cluster, Instant now) {
    return new SshCertificateRequest(OpenSshCertificate.Type.HOST, key, node,
        List.of(node, node + "." + cluster), now.minus(BACKDATE), now.plus(HOST_VALIDITY),
        Map.of());
  }

  /**
   * A leaf cluster's tunnel certificate: a host certificate with key id {@code leaf} and the one
   * principal {@code cluster:leaf}, which a node's certificate never carries.
   */
  public static SshCertificateRequest cluster(PublicKey key, String leaf, Instant now) {
    return new SshCertificateRequest(OpenSshCertificate.Type.HOST, key, leaf,
        List.of(CLUSTER_PRINCIPAL_PREFIX + leaf), now.minus(BACKDATE),
        now.plus(CLUSTER_VALIDITY), Map.of());
  }
}
