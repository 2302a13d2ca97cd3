package dev.outpost.application.access;

import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserRepository;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * The user behind a TLS client certificate ({@link ClientCertificate}) who may still act: the
 * user exists, was not removed and is not locked out. Roles are read from the user at each
 * request, not from the certificate.
 */
public final class CertificateUsers {

  private final UserRepository users;

  public CertificateUsers(UserRepository users) {
    this.users = users;
  }

  /**
   * @throws OutpostException UNAUTHENTICATED naming the failed check
   */
  public User user(X509Certificate[] chain, X509Certificate ca, String cluster, Instant now) {
    String name = ClientCertificate.user(chain, ca, cluster, now);
    return users.findByName(name)
        .filter(found -> !found.isDeleted() && !found.isLockedAt(now))
        .orElseThrow(() -> OutpostException.unauthenticated(
            "user " + name + " no longer exists or is locked"));
  }
}
