package dev.outpost.api;

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
 */
public record UserCertificatePermissions(
    String cluster, List<String> roles, boolean portForwarding, boolean fileCopy) {

  public static final String CLUSTER = "cluster@outpost.dev";
  public static final String ROLES = "roles@outpost.dev";
  public static final String FILE_COPY = "permit-file-copy@outpost.dev";
  public static final String PORT_FORWARDING = "permit-port-forwarding";
  public static final String PTY = "permit-pty";

  public UserCertificatePermissions {
    if (cluster == null || cluster.isBlank()) {
      throw new IllegalArgumentException("a user certificate names its cluster");
    }
    roles = List.copyOf(roles);
    if (roles.isEmpty() || roles.stream().anyMatch(role -> role.isBlank() || role.contains(","))) {
      throw new IllegalArgumentException("a user certificate names at least one role");
    }
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
    return extensions;
  }

  /** The permissions of {@code certificate}; empty unless it names a cluster and roles. */
  public static Optional<UserCertificatePermissions> of(OpenSshCertificate certificate) {
    Map<String, String> extensions = certificate.getExtensionsMap();
    String cluster = extensions.get(CLUSTER);
    String roles = extensions.get(ROLES);
    if (cluster == null || cluster.isBlank() || roles == null || roles.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new UserCertificatePermissions(cluster,
        Arrays.stream(roles.split(",")).filter(role -> !role.isBlank()).sorted().toList(),
        extensions.containsKey(PORT_FORWARDING), extensions.containsKey(FILE_COPY)));
  }
}
