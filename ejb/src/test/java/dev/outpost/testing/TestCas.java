package dev.outpost.testing;

import dev.outpost.api.UserCertificatePermissions;
import dev.outpost.ca.CertificateAuthorities;
import dev.outpost.ca.SshCertificateAuthority;
import dev.outpost.ca.X509CertificateAuthority;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.apache.sshd.common.config.keys.OpenSshCertificate;

/** Fresh in-memory CAs for a test cluster. */
public final class TestCas {

  public static final String CLUSTER = "test.example";
  /** What a user certificate of role access carries: file copy, no port forwarding. */
  public static final UserCertificatePermissions ACCESS =
      new UserCertificatePermissions(CLUSTER, List.of("access"), false, true);

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
