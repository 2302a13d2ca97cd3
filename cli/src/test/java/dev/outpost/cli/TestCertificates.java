package dev.outpost.cli;

import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.certificate.OpenSshCertificateBuilder;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/** Throw-away OpenSSH CAs and certificates, issued as the proxy issues them. */
public final class TestCertificates {

  private static final AtomicLong SERIALS = new AtomicLong(1);

  private TestCertificates() {}

  public static KeyPair ed25519() throws Exception {
    return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
  }

  /** A user certificate: key id = user, principals = logins, valid now for an hour. */
  public static OpenSshCertificate user(KeyPair ca, PublicKey key, String user, List<String> logins)
      throws Exception {
    return OpenSshCertificateBuilder.userCertificate()
        .publicKey(key)
        .serial(SERIALS.getAndIncrement())
        .id(user)
        .principals(logins)
        .extension("permit-pty", "")
        .validAfter(Instant.now().minusSeconds(60))
        .validBefore(Instant.now().plus(Duration.ofHours(1)))
        .sign(ca);
  }

  /** A host certificate: key id = node, principals {@code node} and {@code node.cluster}. */
  public static OpenSshCertificate host(KeyPair ca, PublicKey key, String node, String cluster)
      throws Exception {
    return OpenSshCertificateBuilder.hostCertificate()
        .publicKey(key)
        .serial(SERIALS.getAndIncrement())
        .id(node)
        .principals(List.of(node, node + "." + cluster))
        .validAfter(Instant.now().minusSeconds(60))
        .validBefore(Instant.now().plus(Duration.ofDays(7)))
        .sign(ca);
  }

  /** authorized_keys format. */
  public static String line(PublicKey key) {
    return PublicKeyEntry.toString(key);
  }
}
