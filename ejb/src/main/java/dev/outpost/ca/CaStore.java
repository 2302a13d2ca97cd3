package dev.outpost.ca;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import org.apache.sshd.common.config.keys.OpenSshCertificate;

/**
 * The CA key files in {@code <data>/ca/}: {@code user_ca.key}, {@code host_ca.key} (OpenSSH
 * private keys) and {@code tls_ca.key} (X.509 certificate and PKCS#8 key in PEM), each sealed by
 * the {@link KeyVault}; beside them the public {@code user_ca.pub}, {@code host_ca.pub} and
 * {@code tls_ca.pem} for operators. A missing CA is generated; when two processes start at once,
 * the first file written wins and both use it. {@code app_jwt.key} holds the {@link
 * JwtSigningKey}.
 */
public final class CaStore {

  private final Path directory;
  private final KeyVault vault;
  private final SecureRandom random;

  public CaStore(Path directory, KeyVault vault, SecureRandom random) {
    this.directory = directory;
    this.vault = vault;
    this.random = random;
  }

  /** Opens the cluster's CAs, creating those that do not exist yet. */
  public CertificateAuthorities openOrCreate(String cluster, Instant now)
      throws IOException, GeneralSecurityException {
    SshCertificateAuthority users = sshCa("user_ca", OpenSshCertificate.Type.USER);
    SshCertificateAuthority hosts = sshCa("host_ca", OpenSshCertificate.Type.HOST);
    X509CertificateAuthority tls = x509Ca(cluster, now);
    return new CertificateAuthorities(cluster, users, hosts, tls);
  }

  /** The key that signs identity assertions for web apps, created on first use. */
  public JwtSigningKey openOrCreateJwtKey() throws IOException, GeneralSecurityException {
    Path keyFile = directory.resolve("app_jwt.key");
    if (!Files.exists(keyFile)) {
      vault.writeIfAbsent(keyFile, JwtSigningKey.generate(random).encode());
    }
    return JwtSigningKey.decode(vault.read(keyFile));
  }

  private SshCertificateAuthority sshCa(String name, OpenSshCertificate.Type type)
      throws IOException, GeneralSecurityException {
    Path keyFile = directory.resolve(name + ".key");
    if (!Files.exists(keyFile)) {
      vault.writeIfAbsent(keyFile, SshCertificateAuthority.generate(type, random).privateKey());
    }
    SshCertificateAuthority ca =
        SshCertificateAuthority.fromPrivateKey(type, vault.read(keyFile), random);
    writePublic(directory.resolve(name + ".pub"), ca.publicKey() + "\n");
    return ca;
  }

  private X509CertificateAuthority x509Ca(String cluster, Instant now)
      throws IOException, GeneralSecurityException {
    Path keyFile = directory.resolve("tls_ca.key");
    if (!Files.exists(keyFile)) {
      vault.writeIfAbsent(keyFile,
          X509CaPem.encode(X509CertificateAuthority.generate(cluster, now, random)));
    }
    X509CertificateAuthority ca = X509CaPem.decode(vault.read(keyFile), random);
    writePublic(directory.resolve("tls_ca.pem"), ca.certificatePem());
    return ca;
  }

  private static void writePublic(Path file, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.US_ASCII);
    if (!Files.exists(file) || !Arrays.equals(Files.readAllBytes(file), bytes)) {
      PrivateFiles.replace(file, bytes);
    }
  }
}
