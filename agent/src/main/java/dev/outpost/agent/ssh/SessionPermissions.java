package dev.outpost.agent.ssh;

import dev.outpost.api.UserCertificatePermissions;
import java.util.Optional;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.session.Session;

/**
 * What the user certificate of an SSH session permits, remembered on the session when the
 * certificate is accepted. A session without it (nothing was accepted) is permitted nothing.
 */
final class SessionPermissions {
  private static final AttributeKey<UserCertificatePermissions> KEY = new AttributeKey<>();

  private SessionPermissions() {}

  static void remember(Session session, UserCertificatePermissions permissions) {
    session.setAttribute(KEY, permissions);
  }

  static boolean portForwarding(Session session) {
    return of(session).map(UserCertificatePermissions::portForwarding).orElse(false);
  }

  static boolean fileCopy(Session session) {
    return of(session).map(UserCertificatePermissions::fileCopy).orElse(false);
  }

  private static Optional<UserCertificatePermissions> of(Session session) {
    return Optional.ofNullable(session.getAttribute(KEY));
  }
}
