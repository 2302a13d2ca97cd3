package dev.outpost.client.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts every server, for {@code --insecure} only. An {@link X509ExtendedTrustManager} so that the
 * JDK leaves endpoint identification to it, and it does none: the point of {@code --insecure} is to
 * reach a proxy by an address its certificate does not name.
 */
final class InsecureTrustManager extends X509ExtendedTrustManager {

  private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) {}

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw refuseClients();
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw refuseClients();
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw refuseClients();
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return NO_ISSUERS;
  }

  private static CertificateException refuseClients() {
    return new CertificateException("an insecure trust manager never vouches for clients");
  }
}
