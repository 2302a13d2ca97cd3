package dev.outpost.agent.identity;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.util.security.SecurityUtils;

/** Reads and writes the identity files of the agent's data directory. */
public final class IdentityStore {
  static final String HOST_KEY = "host_key";
  static final String HOST_CERTIFICATE = "host_key-cert.pub";
  static final String USER_CA = "user_ca.pub";
  static final String CLUSTER_CA = "cluster_ca.pem";
  static final String NODE_PROPERTIES = "node.properties";

  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

  private final Path directory;

  public IdentityStore(Path directory) {
    this.directory = directory;
  }

  /**
   * {@code /var/lib/outpost-agent} for root, {@code ~/.outpost-agent} for anyone else (who may not
   * write under /var/lib).
   */
  public static Path defaultDirectory(boolean root, Path home) {
    return root ? Path.of("/var/lib/outpost-agent") : home.resolve(".outpost-agent");
  }

  public Path directory() {
    return directory;
  }

  /** Whether a previous join left an identity here (the host key and the node description). */
  public boolean hasIdentity() {
    return Files.exists(directory.resolve(HOST_KEY)) && Files.exists(directory.resolve(NODE_PROPERTIES));
  }

  public NodeIdentity load() throws IOException, GeneralSecurityException {
    try {
      NodeProperties node = NodeProperties.read(new StringReader(read(NODE_PROPERTIES)));
      KeyPair hostKey = decodePrivateKey(Files.readAllBytes(directory.resolve(HOST_KEY)));
      HostCertificate certificate = HostCertificate.parse(read(HOST_CERTIFICATE));
      UserCaKeys userCas = UserCaKeys.parse(read(USER_CA).lines().toList());
      X509Certificate clusterCa = parseClusterCa(read(CLUSTER_CA));
      return new NodeIdentity(node, hostKey, certificate, userCas, clusterCa);
    } catch (NoSuchFileException e) {
      throw new IOException("incomplete identity in " + directory + ": " + e.getFile() + " is missing");
    }
  }

  /**
   * Writes a whole identity: after joining. {@code node.properties} goes last, so that {@link
   * #hasIdentity} sees an identity only once all of it is on disk.
   */
  public void save(NodeIdentity identity) throws IOException, GeneralSecurityException {
    createDirectory();
    write(HOST_KEY, encodePrivateKey(identity.hostKey(), identity.node().node()), OWNER_ONLY);
    write(CLUSTER_CA, pem(identity.clusterCa()), PUBLIC);
    saveRenewable(identity);
    write(NODE_PROPERTIES, utf8(identity.node().format()), PUBLIC);
  }

  /** Writes what renewal changes: the host certificate and the user CA keys. */
  public void saveRenewable(NodeIdentity identity) throws IOException {
    write(HOST_CERTIFICATE, utf8(identity.hostCertificate().line() + "\n"), PUBLIC);
    write(USER_CA, utf8(identity.userCas().format()), PUBLIC);
  }

  /** Parses the cluster CA the proxy sent in PEM. */
  public static X509Certificate parseClusterCa(String pem) throws GeneralSecurityException {
    if (pem == null || pem.isBlank()) {
      throw new CertificateException("cluster CA certificate is missing");
    }
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    return (X509Certificate)
        factory.generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  private void createDirectory() throws IOException {
    if (!Files.isDirectory(directory)) {
      Files.createDirectories(directory, permissions(PosixFilePermissions.fromString("rwx------")));
    }
  }

  /**
   * Replaces {@code name} atomically: the content goes to a temporary file created with its final
   * permissions (a private key is never readable by others, not even briefly), then is renamed.
   */
  private void write(String name, byte[] content, Set<PosixFilePermission> mode) throws IOException {
    Path target = directory.resolve(name);
    Path temporary = Files.createTempFile(directory, "." + name, ".tmp", permissions(OWNER_ONLY));
    try {
      Files.write(temporary, content);
      Files.setPosixFilePermissions(temporary, mode);
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private String read(String name) throws IOException {
    return Files.readString(directory.resolve(name), StandardCharsets.UTF_8);
  }

  private static byte[] encodePrivateKey(KeyPair key, String comment)
      throws IOException, GeneralSecurityException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, comment, null, out);
    return out.toByteArray();
  }

  private static KeyPair decodePrivateKey(byte[] encoded) throws IOException, GeneralSecurityException {
    try (InputStream in = new ByteArrayInputStream(encoded)) {
      Iterable<KeyPair> keys =
          SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(HOST_KEY), in, null);
      Iterator<KeyPair> iterator = keys == null ? null : keys.iterator();
      if (iterator == null || !iterator.hasNext()) {
        throw new GeneralSecurityException(HOST_KEY + " holds no private key");
      }
      return iterator.next();
    }
  }

  private static byte[] pem(X509Certificate certificate) throws GeneralSecurityException {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded());
    return utf8("-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n");
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static FileAttribute<?>[] permissions(Set<PosixFilePermission> mode) {
    return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)};
  }
}
