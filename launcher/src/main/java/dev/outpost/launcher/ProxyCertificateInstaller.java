package dev.outpost.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * Puts the proxy's TLS key and certificate chain, issued by the cluster's own CA and written by the
 * proxy into {@code <data>/tls/proxy.p12}, into the domain's key store under Payara's HTTPS alias
 * {@code s1as}. That makes the CA pin given to agents ({@code --ca-pin}) verify the very
 * certificate the listener presents; and the cluster CA into its trust store, for client
 * certificates. Payara reads both stores at start, so a change needs a
 * restart; the caller decides when.
 */
final class ProxyCertificateInstaller {
  private static final String PROXY_ALIAS = "outpost-proxy";
  private static final String PAYARA_ALIAS = "s1as";
  private static final String CLUSTER_CA_ALIAS = "outpost-cluster-ca";

  private final Path proxyKeystore;
  private final Path domainKeystore;
  private final Path domainTruststore;
  private final char[] proxyPassword;
  private final char[] domainPassword;

  ProxyCertificateInstaller(Path dataDir, Path domainKeystore, Path domainTruststore) {
    this.proxyKeystore = dataDir.resolve("tls/proxy.p12");
    this.domainKeystore = domainKeystore;
    this.domainTruststore = domainTruststore;
    this.proxyPassword =
        Settings.value("outpost.tls.keystore.password", "OUTPOST_TLS_KEYSTORE_PASSWORD", "changeit").toCharArray();
    // Payara's master password, "changeit" unless the domain was created with another.
    this.domainPassword = Settings.value("outpost.payara.master.password", "AS_MASTER_PASSWORD", "changeit").toCharArray();
  }

  /** @return whether the domain key store or trust store changed (and the listener needs a restart) */
  boolean installIfChanged() {
    if (!Files.exists(proxyKeystore)) {
      return false;
    }
    try {
      KeyStore proxy = load(proxyKeystore, proxyPassword);
      KeyStore domain = load(domainKeystore, domainPassword);
      Certificate[] chain = proxy.getCertificateChain(PROXY_ALIAS);
      if (chain == null) {
        throw new IllegalStateException(proxyKeystore + " has no entry " + PROXY_ALIAS);
      }
      boolean trusted = trustClusterCa(chain[chain.length - 1]);
      if (Arrays.equals(chain, domain.getCertificateChain(PAYARA_ALIAS))) {
        return trusted;
      }
      Key key = proxy.getKey(PROXY_ALIAS, proxyPassword);
      domain.setKeyEntry(PAYARA_ALIAS, key, domainPassword, chain);
      try (OutputStream out = Files.newOutputStream(domainKeystore)) {
        domain.store(out, domainPassword);
      }
      return true;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot install the proxy certificate: " + e.getMessage(), e);
    }
  }

  /**
   * Adds the cluster CA to the domain's trust store, so that the listener accepts the client
   * certificates it issues ({@code outpost apps login}); the proxy itself checks that a client
   * certificate is the cluster CA's, since the store trusts public CAs too.
   *
   * @return whether the trust store changed
   */
  private boolean trustClusterCa(Certificate clusterCa) throws IOException, GeneralSecurityException {
    KeyStore trust = load(domainTruststore, domainPassword);
    if (clusterCa.equals(trust.getCertificate(CLUSTER_CA_ALIAS))) {
      return false;
    }
    trust.setCertificateEntry(CLUSTER_CA_ALIAS, clusterCa);
    try (OutputStream out = Files.newOutputStream(domainTruststore)) {
      trust.store(out, domainPassword);
    }
    return true;
  }

  /** The cluster CA, the last certificate of the proxy's chain. */
  X509Certificate clusterCa() {
    try {
      Certificate[] chain = load(proxyKeystore, proxyPassword).getCertificateChain(PROXY_ALIAS);
      return (X509Certificate) chain[chain.length - 1];
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot read " + proxyKeystore + ": " + e.getMessage(), e);
    }
  }

  private static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, password);
    }
    return store;
  }
}
