package dev.outpost.application.sso;

import dev.outpost.domain.role.RoleSet;
import dev.outpost.domain.sso.OidcConnector;
import dev.outpost.domain.user.User;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A user the identity provider vouched for, with the roles this sign-in gave it.
 *
 * @param providerSessionEnds when the user's session at the provider ends, if it said
 */
public record SignedIn(User user, RoleSet roles, OidcConnector connector,
    Optional<Instant> providerSessionEnds) {

  /**
   * How long certificates of this sign-in live: as asked, but no longer than the roles allow nor
   * than the user's session at the provider lasts.
   *
   * @throws SsoRefusal when that is less than {@code minimum}
   */
  public Duration certificateTtl(Duration requested, Duration minimum, Instant now) {
    Duration ttl = roles.capSessionTtl(requested);
    if (providerSessionEnds.isPresent()) {
      Duration left = Duration.between(now, providerSessionEnds.get());
      ttl = left.compareTo(ttl) < 0 ? left : ttl;
    }
    if (ttl.compareTo(minimum) < 0) {
      throw new SsoRefusal("provider session ends in " + ttl, "your session at "
          + connector.display() + " ends too soon: sign in there again");
    }
    return ttl;
  }
}
