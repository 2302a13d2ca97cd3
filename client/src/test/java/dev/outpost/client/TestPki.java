package dev.outpost.client;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Throw-away CAs and server certificates for TLS tests. */
public final class TestPki {

  private static final AtomicLong SERIALS = new AtomicLong(1);

  private TestPki() {}

  /** A certificate with its key. */
  public record Issued(KeyPair key, X509Certificate certificate) {}

  public static Issued ca(String name) throws Exception {
    KeyPair key = ecKey();
    X500Name subject = new X500Name("CN=" + name);
    X509v3CertificateBuilder builder = builder(subject, subject, key, Duration.ofDays(1), 0);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    builder.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    return new Issued(key, sign(builder, key));
  }

  /** A server certificate for {@code host} (a DNS name or an IP literal), issued by {@code ca}. */
  public static Issued server(Issued ca, String host) throws Exception {
    return server(ca, host, Duration.ofHours(1), 0);
  }

  /** A server certificate valid from {@code shiftSeconds} from now for {@code lifetime}. */
  public static Issued server(Issued ca, String host, Duration lifetime, long shiftSeconds)
      throws Exception {
    KeyPair key = ecKey();
    X509v3CertificateBuilder builder =
        builder(
            new X500Name(ca.certificate().getSubjectX500Principal().getName()),
            new X500Name("CN=" + host),
            key,
            lifetime,
            shiftSeconds);
    builder.addExtension(
        Extension.subjectAlternativeName, false, new GeneralNames(subjectAlternativeName(host)));
    builder.addExtension(
        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    return new Issued(key, sign(builder, ca.key()));
  }

  /** A server-side TLS context presenting {@code server} with the chain {@code [server, ca]}. */
  public static SSLContext serverContext(Issued server, Issued ca) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    char[] password = "test".toCharArray();
    store.setKeyEntry(
        "server",
        server.key().getPrivate(),
        password,
        new X509Certificate[] {server.certificate(), ca.certificate()});
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  /** TLS clients match an IP address only against an IP SAN, a name only against a DNS SAN. */
  private static GeneralName subjectAlternativeName(String host) {
    boolean ipLiteral = host.contains(":") || host.matches("[0-9.]+");
    return new GeneralName(ipLiteral ? GeneralName.iPAddress : GeneralName.dNSName, host);
  }

  private static X509v3CertificateBuilder builder(
      X500Name issuer, X500Name subject, KeyPair key, Duration lifetime, long shiftSeconds) {
    Instant start = Instant.now().minusSeconds(60).plusSeconds(shiftSeconds);
    return new JcaX509v3CertificateBuilder(
        issuer,
        BigInteger.valueOf(SERIALS.getAndIncrement()),
        Date.from(start),
        Date.from(start.plus(lifetime)),
        subject,
        key.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKey)
      throws Exception {
    var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }

  private static KeyPair ecKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }
}
