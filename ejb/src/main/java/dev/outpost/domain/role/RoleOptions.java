package dev.outpost.domain.role;

import java.time.Duration;
import java.util.Optional;

/**
 * Session options of a role. Each is optional: a role that does not set one has no say in it, and
 * {@link RoleSet} combines the roles that do, the most restrictive winning.
 *
 * @param maxSessionTtl longest certificate and session lifetime
 * @param portForwarding whether {@code direct-tcpip} (ssh -L, -W) is allowed
 * @param fileCopy whether scp and sftp are allowed
 * @param recordSession whether sessions are recorded
 * @param clientIdleTimeout silence after which a session ends
 * @param requireMfa whether login needs a second factor
 */
public record RoleOptions(
    Optional<Duration> maxSessionTtl,
    Optional<Boolean> portForwarding,
    Optional<Boolean> fileCopy,
    Optional<Boolean> recordSession,
    Optional<Duration> clientIdleTimeout,
    Optional<Boolean> requireMfa) {

  public static final RoleOptions NONE = new RoleOptions(Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
}
