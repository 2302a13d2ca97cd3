package dev.outpost.client.tls;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** PEM text for the certificates and keys that clients store and exchange with the proxy. */
public final class Pem {

  private static final Base64.Encoder BASE64_LINES =
      Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

  private Pem() {}

  /** Parses one PEM (or DER) X.509 certificate. */
  public static X509Certificate parseCertificate(String pem) throws CertificateException {
    if (pem == null || pem.isBlank()) {
      throw new CertificateException("no certificate given");
    }
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  public static String encode(X509Certificate certificate) throws CertificateException {
    return block("CERTIFICATE", certificate.getEncoded());
  }

  /** Unencrypted PKCS#8, {@code -----BEGIN PRIVATE KEY-----}, as OpenSSL and curl read it. */
  public static String encode(PrivateKey key) {
    return block("PRIVATE KEY", key.getEncoded());
  }

  private static String block(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + BASE64_LINES.encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
