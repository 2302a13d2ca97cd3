package dev.outpost.ca;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The cluster's X.509 CA (EC P-256): it signs the proxy's TLS server certificate and users' client
 * certificates. Clients pin it by {@link #pin()}.
 */
public final class X509CertificateAuthority {

  static final Duration CA_VALIDITY = Duration.ofDays(3650);
  private static final String SIGNATURE = "SHA256withECDSA";

  private final X509Certificate certificate;
  private final PrivateKey key;
  private final SecureRandom random;

  /** @throws GeneralSecurityException when {@code key} is not the certificate's key */
  X509CertificateAuthority(X509Certificate certificate, PrivateKey key, SecureRandom random)
      throws GeneralSecurityException {
    this.certificate = certificate;
    this.key = key;
    this.random = random;
    checkKeyMatches();
  }

  /** A new self-signed CA for {@code cluster}, valid for ten years. */
  public static X509CertificateAuthority generate(String cluster, Instant now, SecureRandom random)
      throws GeneralSecurityException {
    KeyPair pair = generateKeyPair(random);
    X500Name name = name("Outpost CA " + cluster, cluster);
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(random),
        Date.from(now.minus(SshCertificateRequest.BACKDATE)), Date.from(now.plus(CA_VALIDITY)),
        name, pair.getPublic());
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
      builder.addExtension(Extension.subjectKeyIdentifier, false,
          extensions.createSubjectKeyIdentifier(pair.getPublic()));
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot encode CA extensions", e);
    }
    return new X509CertificateAuthority(
        sign(builder, pair.getPrivate()), pair.getPrivate(), random);
  }

  /** The private key, for sealing in the key vault only. */
  PrivateKey privateKey() {
    return key;
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** The CA certificate in PEM. */
  public String certificatePem() {
    return Pem.certificate(certificate);
  }

  /** {@code sha256:} and the lowercase hex SHA-256 of the CA's SubjectPublicKeyInfo DER. */
  public String pin() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(certificate.getPublicKey().getEncoded());
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** A TLS server certificate for {@code names} (DNS names and IP literals). */
  public X509Certificate issueServer(PublicKey subjectKey, String commonName,
      Iterable<String> names, Instant now, Duration validity) throws GeneralSecurityException {
    X509v3CertificateBuilder builder = leaf(subjectKey, name(commonName, null), now, validity);
    try {
      builder.addExtension(Extension.subjectAlternativeName, false,
          SubjectAlternativeNames.of(names));
      builder.addExtension(Extension.extendedKeyUsage, false,
          new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot encode server certificate extensions", e);
    }
    return sign(builder, key);
  }

  /** A TLS client certificate with CN = user and O = cluster. */
  public X509Certificate issueClient(
      PublicKey subjectKey, String user, String cluster, Instant now, Duration validity)
      throws GeneralSecurityException {
    X509v3CertificateBuilder builder = leaf(subjectKey, name(user, cluster), now, validity);
    try {
      builder.addExtension(Extension.extendedKeyUsage, false,
          new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot encode client certificate extensions", e);
    }
    return sign(builder, key);
  }

  /** A new EC P-256 key pair, the key type of the CA and the certificates it signs. */
  public static KeyPair generateKeyPair(SecureRandom random) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
    return generator.generateKeyPair();
  }

  private X509v3CertificateBuilder leaf(
      PublicKey subjectKey, X500Name subject, Instant now, Duration validity)
      throws GeneralSecurityException {
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(random),
        Date.from(now.minus(SshCertificateRequest.BACKDATE)), Date.from(now.plus(validity)),
        subject, subjectKey);
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.authorityKeyIdentifier, false,
          extensions.createAuthorityKeyIdentifier(certificate));
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot encode certificate extensions", e);
    }
    return builder;
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(signingKey)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException("cannot sign certificate: " + e.getMessage(), e);
    }
  }

  private void checkKeyMatches() throws GeneralSecurityException {
    byte[] probe = "outpost-ca-key-check".getBytes(StandardCharsets.US_ASCII);
    Signature signer = Signature.getInstance(SIGNATURE);
    signer.initSign(key);
    signer.update(probe);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance(SIGNATURE);
    verifier.initVerify(certificate.getPublicKey());
    verifier.update(probe);
    if (!verifier.verify(signature)) {
      throw new GeneralSecurityException("X.509 CA private key does not match its certificate");
    }
  }

  private static X500Name name(String commonName, String organization) {
    X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
    if (organization != null) {
      builder.addRDN(BCStyle.O, organization);
    }
    return builder.addRDN(BCStyle.CN, commonName).build();
  }

  private static BigInteger serial(SecureRandom random) {
    return new BigInteger(127, random).add(BigInteger.ONE);
  }
}
