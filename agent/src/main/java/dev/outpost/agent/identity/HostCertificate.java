package dev.outpost.agent.identity;

import dev.outpost.api.CertificateProof;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import org.apache.sshd.common.config.keys.OpenSshCertificate;

/**
 * An OpenSSH host certificate together with the line it was parsed from, so that it can be both
 * presented (SSH host key, tunnel proof) and stored unchanged.
 *
 * @param line the certificate in authorized_keys format
 * @param certificate the parsed certificate
 */
public record HostCertificate(String line, OpenSshCertificate certificate) {

  /** Parses and checks that the line is a host certificate. */
  public static HostCertificate parse(String line) throws GeneralSecurityException {
    if (line == null || line.isBlank()) {
      throw new GeneralSecurityException("host certificate is missing");
    }
    PublicKey key = CertificateProof.parseCertificate(line);
    if (!(key instanceof OpenSshCertificate certificate)) {
      throw new GeneralSecurityException("host certificate is a plain key, not a certificate");
    }
    if (certificate.getType() != OpenSshCertificate.Type.HOST) {
      throw new GeneralSecurityException("host certificate is not of type host");
    }
    return new HostCertificate(line.trim(), certificate);
  }

  public Instant validAfter() {
    return Instant.ofEpochSecond(certificate.getValidAfter());
  }

  /** Valid-before; OpenSSH's "forever" is clamped to {@link Instant#MAX}. */
  public Instant validBefore() {
    long validBefore = certificate.getValidBefore();
    // an unsigned field: OpenSSH's "forever" (2^64 - 1) reads as a negative long
    return validBefore < 0 ? Instant.MAX : Instant.ofEpochSecond(validBefore);
  }

  /**
   * Whether less than half of the validity period remains at {@code now} (then a renewal is due).
   * An already expired certificate is due too: the proxy decides whether it still renews it.
   */
  public boolean isHalfSpentAt(Instant now) {
    Instant validBefore = validBefore();
    if (validBefore.equals(Instant.MAX)) {
      return false;
    }
    Duration total = Duration.between(validAfter(), validBefore);
    return Duration.between(now, validBefore).compareTo(total.dividedBy(2)) < 0;
  }

  /** The key id (the node name the CA put in the certificate). */
  public String keyId() {
    return certificate.getId();
  }
}
