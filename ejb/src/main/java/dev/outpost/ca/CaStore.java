package dev.outpost.ca;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.common.config.keys.OpenSshCertificate;

/**
 * The CA key files in {@code <data>/ca/}: {@code user_ca.key}, {@code host_ca.key} (OpenSSH
 * private keys) and {@code tls_ca.key} (X.509 certificate and PKCS#8 key in PEM), each sealed by
 * the {@link KeyVault}; beside them the public {@code user_ca.pub}, {@code host_ca.pub} and
 * {@code tls_ca.pem} for operators. A missing CA is generated; when two processes start at once,
 * the first file written wins and both use it. {@code app_jwt.key} holds the {@link
 * JwtSigningKey}.
 *
 * <p>An SSH CA is rotated ({@link #rotate}) by sealing the list of retired keys, with the end of
 * each one's grace, in {@code user_ca.retired} or {@code host_ca.retired} first and the new key in
 * {@code user_ca.key} or {@code host_ca.key} second: a crash in between leaves the old key both
 * active and retired, never a key that signs without being trusted. The retired list is sealed
 * too, as whoever could add a key to it could have certificates of their own accepted. {@code
 * .pub} then lists every trusted key. Proxies that share the directory pick a rotation up with
 * {@link #refresh}.
 */
public final class CaStore {

  private final Path directory;
  private final KeyVault vault;
  private final SecureRandom random;
  /** When each CA's key and retired files were last read, to tell a rotation elsewhere. */
  private final Map<OpenSshCertificate.Type, List<FileTime>> readAt = new ConcurrentHashMap<>();

  public CaStore(Path directory, KeyVault vault, SecureRandom random) {
    this.directory = directory;
    this.vault = vault;
    this.random = random;
  }

  /** Opens the cluster's CAs, creating those that do not exist yet. */
  public CertificateAuthorities openOrCreate(String cluster, Instant now)
      throws IOException, GeneralSecurityException {
    SshCertificateAuthority users =
        sshCa(name(OpenSshCertificate.Type.USER), OpenSshCertificate.Type.USER, now);
    SshCertificateAuthority hosts =
        sshCa(name(OpenSshCertificate.Type.HOST), OpenSshCertificate.Type.HOST, now);
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

  /**
   * Makes a new key the signer of {@code ca} at once and keeps its current key trusted for {@code
   * grace}; keys whose grace ended are dropped.
   */
  public synchronized void rotate(SshCertificateAuthority ca, Instant now, Duration grace)
      throws IOException, GeneralSecurityException {
    SshCaKeys next = ca.keys().rotate(SshKeys.generateEd25519(random), now, grace);
    String name = name(ca.type());
    PrivateFiles.replace(retiredFile(name), vault.seal(next.encodeRetired()));
    PrivateFiles.replace(keyFile(name), vault.seal(ca.privateKey(next.active())));
    ca.replace(next);
    readAt.put(ca.type(), stamps(name));
    writePublic(ca, now);
  }

  /**
   * Reads again the keys of {@code cas} that another proxy sharing the directory rotated, and
   * rewrites the {@code .pub} files when a grace ended.
   */
  public synchronized void refresh(CertificateAuthorities cas, Instant now)
      throws IOException, GeneralSecurityException {
    for (SshCertificateAuthority ca : List.of(cas.users(), cas.hosts())) {
      String name = name(ca.type());
      if (!stamps(name).equals(readAt.get(ca.type()))) {
        ca.replace(read(name, ca.type()).keys());
      }
      writePublic(ca, now);
    }
  }

  private SshCertificateAuthority sshCa(String name, OpenSshCertificate.Type type, Instant now)
      throws IOException, GeneralSecurityException {
    Path keyFile = keyFile(name);
    if (!Files.exists(keyFile)) {
      vault.writeIfAbsent(keyFile, SshCertificateAuthority.generate(type, random).privateKey());
    }
    SshCertificateAuthority ca = read(name, type);
    writePublic(ca, now);
    return ca;
  }

  private SshCertificateAuthority read(String name, OpenSshCertificate.Type type)
      throws IOException, GeneralSecurityException {
    List<FileTime> stamps = stamps(name);
    Path retiredFile = retiredFile(name);
    List<SshCaKeys.Retired> retired = Files.exists(retiredFile)
        ? SshCaKeys.decodeRetired(vault.read(retiredFile)) : List.of();
    SshCertificateAuthority ca =
        SshCertificateAuthority.fromPrivateKey(type, vault.read(keyFile(name)), retired, random);
    readAt.put(type, stamps);
    return ca;
  }

  /** The modification times of a CA's key and retired files (EPOCH for a missing one). */
  private List<FileTime> stamps(String name) throws IOException {
    List<FileTime> stamps = new ArrayList<>();
    for (Path file : List.of(keyFile(name), retiredFile(name))) {
      stamps.add(Files.exists(file) ? Files.getLastModifiedTime(file) : FileTime.fromMillis(0));
    }
    return stamps;
  }

  private void writePublic(SshCertificateAuthority ca, Instant now) throws IOException {
    writePublic(directory.resolve(name(ca.type()) + ".pub"),
        String.join("\n", ca.trustedKeyLines(now)) + "\n");
  }

  private Path keyFile(String name) {
    return directory.resolve(name + ".key");
  }

  private Path retiredFile(String name) {
    return directory.resolve(name + ".retired");
  }

  private static String name(OpenSshCertificate.Type type) {
    return type == OpenSshCertificate.Type.USER ? "user_ca" : "host_ca";
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
