package dev.outpost.ca;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;

/** The X.509 CA as sealed in the key vault: its certificate, then its PKCS#8 key, in PEM. */
final class X509CaPem {

  private X509CaPem() {}

  static byte[] encode(X509CertificateAuthority ca) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(ca.certificate());
      // PKCS#8 as is: the writer's own EC conversion would drop the curve parameters.
      writer.writeObject(new PemObject("PRIVATE KEY", ca.privateKey().getEncoded()));
    }
    return out.toString().getBytes(StandardCharsets.US_ASCII);
  }

  static X509CertificateAuthority decode(byte[] pem, SecureRandom random)
      throws IOException, GeneralSecurityException {
    try (PEMParser parser =
        new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
      Object certificate = parser.readObject();
      Object key = parser.readObject();
      if (!(certificate instanceof X509CertificateHolder holder)
          || !(key instanceof PrivateKeyInfo keyInfo)) {
        throw new GeneralSecurityException("X.509 CA key file lacks its certificate or key");
      }
      return new X509CertificateAuthority(new JcaX509CertificateConverter().getCertificate(holder),
          new JcaPEMKeyConverter().getPrivateKey(keyInfo), random);
    }
  }
}
