package dev.outpost.api;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.sshd.common.config.keys.OpenSshCertificate;

/**
 * What a user certificate carries beyond its principals, as OpenSSH certificate extensions: the
 * cluster and the role names it was issued for, and the permissions its roles grant. The proxy
 * writes them when it signs; the node reads them back and enforces them itself, so that the proxy
 * alone cannot grant what the certificate does not say.
 *
 * @param cluster the cluster whose CA signed
 * @param roles role names, sorted
 * @param portForwarding {@code permit-port-forwarding}: direct-tcpip channels allowed
 * @param fileCopy scp and sftp allowed
 * @param recordingBestEffort a terminal the node cannot record runs unrecorded (audited) instead
 *     of being refused
 * @param clientIdleTimeout how long a session may go without input from the client
 */
public record UserCertificatePermissions(
    String cluster, List<String> roles, boolean portForwarding, boolean fileCopy,
    boolean recordingBestEffort, Optional<Duration> clientIdleTimeout) {

  public static final String CLUSTER = "cluster@outpost.dev";
  public static final String ROLES = "roles@outpost.dev";
  public static final String FILE_COPY = "permit-file-copy@outpost.dev";
  public static final String PORT_FORWARDING = "permit-port-forwarding";
  public static final String PTY = "permit-pty";
  public static final String RECORDING_BEST_EFFORT = "record-best-effort@outpost.dev";
  /** Whole seconds. */
  public static final String CLIENT_IDLE_TIMEOUT = "client-idle-timeout@outpost.dev";

  public UserCertificatePermissions {
    if (cluster == null || cluster.isBlank()) {
      throw new IllegalArgumentException("a user certificate names its cluster");
    }
    roles = List.copyOf(roles);
    if (roles.isEmpty() || roles.stream().anyMatch(role -> role.isBlank() || role.contains(","))) {
      throw new IllegalArgumentException("a user certificate names at least one role");
    }
    if (clientIdleTimeout.isPresent() && clientIdleTimeout.get().toSeconds() < 1) {
      throw new IllegalArgumentException("a client idle timeout is at least one second");
    }
  }

  /** Strict recording and no idle timeout: what a certificate says when no role sets either. */
  public UserCertificatePermissions(
      String cluster, List<String> roles, boolean portForwarding, boolean fileCopy) {
    this(cluster, roles, portForwarding, fileCopy, false, Optional.empty());
  }

  /** The extensions to sign into the certificate: always a terminal, the rest as granted. */
  public Map<String, String> extensions() {
    Map<String, String> extensions = new TreeMap<>();
    extensions.put(PTY, "");
    extensions.put(CLUSTER, cluster);
    extensions.put(ROLES, String.join(",", roles));
    if (portForwarding) {
      extensions.put(PORT_FORWARDING, "");
    }
    if (fileCopy) {
      extensions.put(FILE_COPY, "");
    }
    if (recordingBestEffort) {
      extensions.put(RECORDING_BEST_EFFORT, "");
    }
    clientIdleTimeout.ifPresent(
        timeout -> extensions.put(CLIENT_IDLE_TIMEOUT, Long.toString(timeout.toSeconds())));
    return extensions;
  }

  /**
   * The permissions of {@code certificate}; empty unless it names a cluster and roles and every
   * value parses.
   */
  public static Optional<UserCertificatePermissions> of(OpenSshCertificate certificate) {
    return of(certificate.getExtensionsMap());
  }

  /** As {@link #of(OpenSshCertificate)}, from the extensions alone. */
  public static Optional<UserCertificatePermissions> of(Map<String, String> extensions) {
    String cluster = extensions.get(CLUSTER);
    String roles = extensions.get(ROLES);
    if (cluster == null || cluster.isBlank() || roles == null || roles.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new UserCertificatePermissions(cluster,
          Arrays.stream(roles.split(",")).filter(role -> !role.isBlank()).sorted().toList(),
          extensions.containsKey(PORT_FORWARDING), extensions.containsKey(FILE_COPY),
          extensions.containsKey(RECORDING_BEST_EFFORT),
          Optional.ofNullable(extensions.get(CLIENT_IDLE_TIMEOUT))
              .map(seconds -> Duration.ofSeconds(Long.parseLong(seconds)))));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // includes NumberFormatException
    }
  }

  /**
   * What this certificate permits where another cluster's roles grant only {@code granted}: each
   * permission only if both allow it, strict recording unless both are best effort, the shorter
   * idle timeout. The cluster and roles stay this certificate's.
   */
  public UserCertificatePermissions limitedTo(UserCertificatePermissions granted) {
    Optional<Duration> idle = clientIdleTimeout;
    if (granted.clientIdleTimeout.isPresent()
        && (idle.isEmpty() || granted.clientIdleTimeout.get().compareTo(idle.get()) < 0)) {
      idle = granted.clientIdleTimeout;
    }
    return new UserCertificatePermissions(cluster, roles,
        portForwarding && granted.portForwarding, fileCopy && granted.fileCopy,
        recordingBestEffort && granted.recordingBestEffort, idle);
  }

  /**
   * The permissions as one line, {@code name[:value],…} without cluster, roles and terminal: how a
   * leaf tells its node what its roles grant a root's user ({@link #fromGrants}).
   */
  public String grants() {
    StringBuilder out = new StringBuilder();
    extensions().forEach((name, value) -> {
      if (!name.equals(CLUSTER) && !name.equals(ROLES) && !name.equals(PTY)) {
        out.append(out.isEmpty() ? "" : ",").append(name).append(value.isEmpty() ? "" : ":" + value);
      }
    });
    return out.toString();
  }

  /** Reads {@link #grants()} back, for {@code cluster} and {@code roles}; empty when malformed. */
  public static Optional<UserCertificatePermissions> fromGrants(String grants, String cluster,
      List<String> roles) {
    Map<String, String> extensions = new TreeMap<>();
    extensions.put(CLUSTER, cluster);
    extensions.put(ROLES, String.join(",", roles));
    for (String grant : grants.split(",")) {
      if (!grant.isEmpty()) {
        int colon = grant.indexOf(':');
        extensions.put(colon < 0 ? grant : grant.substring(0, colon),
            colon < 0 ? "" : grant.substring(colon + 1));
      }
    }
    return of(extensions);
  }
}
