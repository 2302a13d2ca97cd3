package dev.outpost.client.tls;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts a server chain only if it contains the pinned CA and the leaf chains up to it: each
 * certificate valid now and signed by the next, every certificate above the leaf a CA.
 *
 * <p>Deliberately a plain {@link X509TrustManager}, not an {@code X509ExtendedTrustManager}: the
 * JDK then wraps it and performs endpoint identification (host name against the certificate's SANs)
 * and algorithm constraints itself, exactly as for its own trust managers.
 */
final class PinnedTrustManager implements X509TrustManager {

  private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

  private final CaPin pin;
  private final AtomicReference<X509Certificate> matchedCa = new AtomicReference<>();

  PinnedTrustManager(CaPin pin) {
    this.pin = pin;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    int anchor = indexOfPinned(chain);
    for (int i = 0; i <= anchor; i++) {
      X509Certificate certificate = chain[i];
      certificate.checkValidity();
      if (i > 0 && certificate.getBasicConstraints() < 0) {
        throw new CertificateException(
            "certificate " + certificate.getSubjectX500Principal() + " in the chain is not a CA");
      }
      if (i < anchor) {
        verifySignedBy(certificate, chain[i + 1]);
      }
    }
    matchedCa.set(chain[anchor]);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("a pinned trust manager only checks servers");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return NO_ISSUERS;
  }

  /** The chain's certificate that matched the pin, once a handshake has succeeded. */
  X509Certificate matchedCa() {
    return matchedCa.get();
  }

  private int indexOfPinned(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the server sent no certificate");
    }
    for (int i = 0; i < chain.length; i++) {
      if (pin.matches(chain[i])) {
        return i;
      }
    }
    throw new CertificateException(
        "the server's certificate chain does not contain the pinned CA " + pin);
  }

  private static void verifySignedBy(X509Certificate certificate, X509Certificate issuer)
      throws CertificateException {
    try {
      certificate.verify(issuer.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new CertificateException(
          "certificate "
              + certificate.getSubjectX500Principal()
              + " is not signed by "
              + issuer.getSubjectX500Principal(),
          e);
    }
  }
}
