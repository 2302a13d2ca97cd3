package dev.outpost.client.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The ways a client may trust the proxy's TLS certificate. All but {@link #insecure()} keep the
 * JDK's host name verification on; the proxy's certificate names its public host, {@code localhost}
 * and {@code 127.0.0.1}.
 */
public final class TlsContexts {

  private TlsContexts() {}

  /** Standard PKIX validation with {@code ca} as the only trust anchor: the normal case. */
  public static SSLContext trusting(X509Certificate ca) {
    try {
      KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
      anchors.load(null, null);
      anchors.setCertificateEntry("outpost-cluster-ca", ca);
      TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
      factory.init(anchors);
      return withTrustManagers(factory.getTrustManagers());
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a trust store for the cluster CA", e);
    }
  }

  /**
   * Trust in the CA whose public key has the pin {@code sha256:HEX}, for first contact.
   *
   * @throws IllegalArgumentException when {@code caPin} is malformed
   */
  public static PinnedTrust pinned(String caPin) {
    return new PinnedTrust(CaPin.parse(caPin));
  }

  /** Trusts any server under any name: only for an explicit {@code --insecure}. */
  public static SSLContext insecure() {
    return withTrustManager(new InsecureTrustManager());
  }

  /** The JDK's default trust store, for proxies with a publicly trusted certificate. */
  public static SSLContext systemDefault() {
    try {
      return SSLContext.getDefault();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no default TLS context", e);
    }
  }

  static SSLContext withTrustManager(TrustManager trustManager) {
    return withTrustManagers(new TrustManager[] {trustManager});
  }

  private static SSLContext withTrustManagers(TrustManager[] trustManagers) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trustManagers, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot initialise TLS", e);
    }
  }
}
