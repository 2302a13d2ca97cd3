package dev.outpost.testing;

import dev.outpost.ca.CertificateAuthorities;
import dev.outpost.ca.SshCertificateAuthority;
import dev.outpost.ca.X509CertificateAuthority;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import org.apache.sshd.common.config.keys.OpenSshCertificate;

/** Fresh in-memory CAs for a test cluster. */
public final class TestCas {

  public static final String CLUSTER = "test.example";

  private TestCas() {}

  public static CertificateAuthorities create(Instant now) {
    try {
      SecureRandom random = new SecureRandom();
      return new CertificateAuthorities(CLUSTER,
          SshCertificateAuthority.generate(OpenSshCertificate.Type.USER, random),
          SshCertificateAuthority.generate(OpenSshCertificate.Type.HOST, random),
          X509CertificateAuthority.generate(CLUSTER, now, random));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
