package dev.outpost.cli.profile;

import dev.outpost.api.CertificateProof;
import dev.outpost.api.TrustedClusterView;
import dev.outpost.cli.ssh.SshTarget;
import dev.outpost.client.http.ApiException;
import dev.outpost.cli.CliException;
import dev.outpost.cli.ssh.SshIdentity;
import dev.outpost.client.http.ApiClient;
import dev.outpost.client.tls.Pem;
import dev.outpost.client.tls.TlsContexts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.util.security.SecurityUtils;

/** A logged-in user's stored credentials, read from the CLI home as commands need them. */
public final class Credentials {

  private final OutpostHome home;
  private final Profile profile;

  Credentials(OutpostHome home, Profile profile) {
    this.home = home;
    this.profile = profile;
  }

  public OutpostHome home() {
    return home;
  }

  public Profile profile() {
    return profile;
  }

  /** The REST client for the profile's proxy and session. */
  public ApiClient api() throws CliException {
    return new ApiClient(profile.proxyAddress(), tls()).withBearerToken(profile.sessionToken());
  }

  /** How to trust the proxy now: the CA stored at login, or the system trust store. */
  public SSLContext tls() throws CliException {
    if (profile.tlsTrust() == TlsTrust.SYSTEM) {
      return TlsContexts.systemDefault();
    }
    try {
      return TlsContexts.trusting(Pem.parseCertificate(Files.readString(home.clusterCa())));
    } catch (IOException | GeneralSecurityException e) {
      throw unreadable(home.clusterCa(), e);
    }
  }

  /** The SSH key and its certificate. */
  public SshIdentity sshIdentity() throws CliException {
    String certificateLine;
    PublicKey certificate;
    try {
      certificateLine = Files.readString(home.certificate()).strip();
      certificate = CertificateProof.parseCertificate(certificateLine);
    } catch (IOException | GeneralSecurityException e) {
      throw unreadable(home.certificate(), e);
    }
    if (!(certificate instanceof OpenSshCertificate userCertificate)) {
      throw unreadable(home.certificate(), new GeneralSecurityException("not a certificate"));
    }
    return new SshIdentity(readKeyPair(home.key()), certificateLine, userCertificate);
  }

  /** The host CA keys that sign the cluster's node certificates. */
  public List<PublicKey> hostCaKeys() throws CliException {
    try {
      return KnownHosts.read(home.knownHosts());
    } catch (IOException | GeneralSecurityException e) {
      throw unreadable(home.knownHosts(), e);
    }
  }

  /**
   * The host CA key of {@code cluster}, this one's or a leaf's (asked from the proxy, which
   * learned it when the leaf joined).
   */
  public List<PublicKey> hostCaKeys(String cluster) throws CliException {
    if (cluster.equals(profile().cluster())) {
      return hostCaKeys();
    }
    try {
      for (TrustedClusterView view : api().getList("/api/v1/clusters", TrustedClusterView.class)) {
        if (view.name().equals(cluster) && view.kind().equals("leaf")) {
          return KnownHosts.parseKeys(view.trustedHostCaKeys());
        }
      }
    } catch (ApiException | IOException | GeneralSecurityException e) {
      throw CliException.failure("cannot learn cluster " + cluster + "'s host CA: " + e.getMessage(), e);
    }
    throw CliException.failure("unknown cluster '" + cluster + "': see outpost clusters");
  }

  /**
   * Asks the proxy for the host CA keys it trusts now, a rotation's retired ones included, and
   * writes this cluster's to {@link OutpostHome#knownHosts()} and its leaf clusters' to {@link
   * OutpostHome#leafKnownHosts()}, for stock {@code ssh NODE.CLUSTER}.
   *
   * @return the leaf names
   */
  public List<String> refreshHostCas() throws CliException {
    StringBuilder lines = new StringBuilder();
    List<String> leaves = new ArrayList<>();
    try {
      for (TrustedClusterView view : api().getList("/api/v1/clusters", TrustedClusterView.class)) {
        if (view.kind().equals("self") && view.name().equals(profile.cluster())) {
          HomeFiles.writePublic(home.knownHosts(),
              KnownHosts.format(view.name(), view.trustedHostCaKeys()));
        } else if (view.kind().equals("leaf") && SshTarget.isHostName(view.name())) {
          lines.append(KnownHosts.format(view.name(), view.trustedHostCaKeys()));
          leaves.add(view.name());
        }
      }
      HomeFiles.writePublic(home.leafKnownHosts(), lines.toString());
    } catch (ApiException | IOException | GeneralSecurityException e) {
      throw CliException.failure("cannot list the leaf clusters: " + e.getMessage(), e);
    }
    return leaves;
  }

  private KeyPair readKeyPair(Path file) throws CliException {
    try (InputStream in = Files.newInputStream(file)) {
      Iterator<KeyPair> keys =
          SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in, null)
              .iterator();
      if (!keys.hasNext()) {
        throw new GeneralSecurityException("no key in file");
      }
      return keys.next();
    } catch (IOException | GeneralSecurityException e) {
      throw unreadable(file, e);
    }
  }

  private CliException unreadable(Path file, Exception cause) {
    return CliException.failure(
        "cannot read "
            + file
            + " ("
            + cause.getMessage()
            + "): run 'outpost login --proxy="
            + profile.proxy()
            + "'",
        cause);
  }
}
