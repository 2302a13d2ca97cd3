package dev.outpost.ca;

import dev.outpost.api.UserCertificatePermissions;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.sshd.common.config.keys.OpenSshCertificate;

/** One cluster's CAs and the certificates Outpost issues with them. */
public final class CertificateAuthorities {

  private final String cluster;
  private final SshCertificateAuthority users;
  private final SshCertificateAuthority hosts;
  private final X509CertificateAuthority tls;

  public CertificateAuthorities(String cluster, SshCertificateAuthority users,
      SshCertificateAuthority hosts, X509CertificateAuthority tls) {
    this.cluster = cluster;
    this.users = users;
    this.hosts = hosts;
    this.tls = tls;
  }

  public String cluster() {
    return cluster;
  }

  /** Signs user certificates; checks the ones users present. */
  public SshCertificateAuthority users() {
    return users;
  }

  /** Signs host certificates; checks the ones agents present. */
  public SshCertificateAuthority hosts() {
    return hosts;
  }

  public X509CertificateAuthority tls() {
    return tls;
  }

  /**
   * A user certificate (key id = user, principals = logins, extensions naming this cluster, the
   * roles and what they permit) as an authorized_keys line.
   */
  public String issueUserCertificate(PublicKey key, String user, List<String> logins,
      UserCertificatePermissions permissions, Instant now, Duration ttl)
      throws GeneralSecurityException {
    if (!cluster.equals(permissions.cluster())) {
      throw new IllegalArgumentException("cluster " + cluster + " does not sign certificates for "
          + permissions.cluster());
    }
    return format(users.issue(SshCertificateRequest.user(key, user, logins, permissions, now,
        ttl)));
  }

  /** A host certificate (key id = node, principals node and node.cluster), 7 days. */
  public String issueHostCertificate(PublicKey key, String node, Instant now)
      throws GeneralSecurityException {
    return format(hosts.issue(SshCertificateRequest.host(key, node, cluster, now)));
  }

  /** A leaf cluster's tunnel certificate, see {@link SshCertificateRequest#cluster}. */
  public String issueClusterCertificate(PublicKey key, String leaf, Instant now)
      throws GeneralSecurityException {
    return format(hosts.issue(SshCertificateRequest.cluster(key, leaf, now)));
  }

  /** A TLS client certificate in PEM with CN = user and O = cluster. */
  public String issueClientCertificate(PublicKey key, String user, Instant now, Duration ttl)
      throws GeneralSecurityException {
    return Pem.certificate(tls.issueClient(key, user, cluster, now, ttl));
  }

  /** Names the proxy's TLS certificate must carry. */
  public Set<String> proxyNames(String publicHost, Optional<String> appsDomain) {
    Set<String> names = new LinkedHashSet<>();
    names.add(publicHost);
    appsDomain.ifPresent(domain -> {
      names.add(domain);
      names.add("*." + domain);
    });
    names.add("localhost");
    names.add("127.0.0.1");
    names.add(cluster);
    return names;
  }

  private static String format(OpenSshCertificate certificate) {
    return SshKeys.format(certificate);
  }
}
