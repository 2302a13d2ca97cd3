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
 * certificate the listener presents. The cluster CA also goes into the domain's trust store, so
 * that the listener accepts users' X.509 client certificates (kubectl); the application checks
 * them against the cluster CA again, as the trust store holds public CAs too. Payara reads both
 * stores at start, so a change needs a restart; the caller decides when.
 */
final class ProxyCertificateInstaller {
  private static final String PROXY_ALIAS = "outpost-proxy";
  private static final String PAYARA_ALIAS = "s1as";
  private static final String CLIENT_CA_ALIAS = "outpost-cluster-ca";

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

  /** @return whether the domain's key or trust store changed (and the listener needs a restart) */
  boolean installIfChanged() {
    if (!Files.exists(proxyKeystore)) {
      return false;
    }
    boolean keyChanged = installKey();
    return trustClusterCa() || keyChanged;
  }

  private boolean trustClusterCa() {
    try {
      KeyStore trust = load(domainTruststore, domainPassword);
      X509Certificate ca = clusterCa();
      if (ca.equals(trust.getCertificate(CLIENT_CA_ALIAS))) {
        return false;
      }
      trust.setCertificateEntry(CLIENT_CA_ALIAS, ca);
      try (OutputStream out = Files.newOutputStream(domainTruststore)) {
        trust.store(out, domainPassword);
      }
      return true;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot trust the cluster CA for client certificates: "
          + e.getMessage(), e);
    }
  }

  private boolean installKey() {
    try {
      KeyStore proxy = load(proxyKeystore, proxyPassword);
      KeyStore domain = load(domainKeystore, domainPassword);
      Certificate[] chain = proxy.getCertificateChain(PROXY_ALIAS);
      if (chain == null) {
        throw new IllegalStateException(proxyKeystore + " has no entry " + PROXY_ALIAS);
      }
      if (Arrays.equals(chain, domain.getCertificateChain(PAYARA_ALIAS))) {
        return false;
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
