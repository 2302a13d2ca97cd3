package dev.outpost.it.kube;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * What a pod sees of its cluster's API server, as the kubelet arranges it: {@code
 * KUBERNETES_SERVICE_HOST} and {@code KUBERNETES_SERVICE_PORT} in its environment, and the service
 * account's {@code token} and the cluster CA's {@code ca.crt} mounted at {@value #MOUNT}. Made
 * for the API server stand-in at {@code host:port}: a throw-away CA, a server certificate it
 * issued for {@code host} (an IP literal, as the service address is), and a random token the
 * stand-in accepts and nothing else.
 *
 * <p>{@link #around} runs a command as that pod: in a private mount namespace whose {@code /run}
 * is a fresh tmpfs ({@code /var/run} links to {@code /run} on Debian) holding the mounted files,
 * with the two variables set, so that the agent finds everything exactly where a pod has it.
 *
 * @param dir where the files are kept on this host
 * @param token the bearer token the API server accepts
 */
public record PodServiceAccount(Path dir, String host, int port, String token) {
  static final String MOUNT = "/var/run/secrets/kubernetes.io/serviceaccount";
  /** The key store password of {@link #apiServerKeys()}, a throw-away. */
  static final String KEY_STORE_PASSWORD = "stand-in";
  private static final String MOUNT_AS_POD = """
      set -e
      mount -t tmpfs -o mode=0755 pod-run /run
      mkdir -p %1$s
      cp "$1/token" "$1/ca.crt" %1$s/
      shift
      exec env KUBERNETES_SERVICE_HOST=%2$s KUBERNETES_SERVICE_PORT=%3$d "$@"
      """;

  /** Issues the certificates and token for the API server at {@code host:port} into {@code dir}. */
  public static PodServiceAccount create(Path dir, String host, int port) throws IOException {
    String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
    PodServiceAccount account = new PodServiceAccount(dir, host, port, token);
    Files.createDirectories(account.mounted());
    try {
      KeyPair caKey = ecKey();
      X500Name caName = new X500Name("CN=stand-in cluster CA");
      X509Certificate ca = sign(certificate(caName, caName, caKey)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(true)), caKey);
      KeyPair serverKey = ecKey();
      X509Certificate server = sign(certificate(caName, new X500Name("CN=kube-apiserver"), serverKey)
          .addExtension(Extension.subjectAlternativeName, false,
              new GeneralNames(new GeneralName(GeneralName.iPAddress, host))), caKey);
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("apiserver", serverKey.getPrivate(), KEY_STORE_PASSWORD.toCharArray(),
          new X509Certificate[] {server, ca});
      try (OutputStream out = Files.newOutputStream(account.apiServerKeys())) {
        keys.store(out, KEY_STORE_PASSWORD.toCharArray());
      }
      Files.writeString(account.mounted().resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(ca.getEncoded()) + "\n-----END CERTIFICATE-----\n");
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot issue the stand-in's certificates", e);
    }
    Files.writeString(account.mounted().resolve("token"), token);
    return account;
  }

  /** The API server's key and certificate chain (PKCS #12, {@link #KEY_STORE_PASSWORD}). */
  public Path apiServerKeys() {
    return dir.resolve("apiserver.p12");
  }

  /** The files mounted at {@value #MOUNT}: {@code token}, {@code ca.crt}. */
  public Path mounted() {
    return dir.resolve("serviceaccount");
  }

  /** {@code command}, run as a process of the pod: with its service account and variables. */
  public List<String> around(List<String> command) {
    List<String> asPod = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private",
        "sh", "-c", MOUNT_AS_POD.formatted(MOUNT, host, port), "pod", mounted().toString()));
    asPod.addAll(command);
    return asPod;
  }

  private static X509v3CertificateBuilder certificate(X500Name issuer, X500Name subject, KeyPair key) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(issuer, new BigInteger(63, new SecureRandom()),
        Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(1))), subject,
        key.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
      throws GeneralSecurityException, OperatorCreationException {
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
  }

  private static KeyPair ecKey() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }
}
