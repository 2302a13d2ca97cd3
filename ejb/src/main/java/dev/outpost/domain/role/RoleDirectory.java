package dev.outpost.domain.role;

import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserIdentity;
import java.util.Collection;

/**
 * Resolves role names into a {@link RoleSet}. A name whose role has been removed simply grants
 * nothing any more.
 */
public final class RoleDirectory {

  private final RoleRepository roles;

  public RoleDirectory(RoleRepository roles) {
    this.roles = roles;
  }

  /** The combined roles {@code names} of a user with {@code traits}. */
  public RoleSet resolve(Collection<String> names, Traits traits) {
    return RoleSet.of(roles.findAll(names).stream().map(StoredRole::role).toList(), traits);
  }

  /** The combined roles of {@code user}, with their logins and single sign-on traits. */
  public RoleSet resolve(User user) {
    return resolve(user.roles(), new Traits(user.logins(), user.traits()));
  }

  /** The combined roles of an authenticated identity, with its logins and traits. */
  public RoleSet resolve(UserIdentity identity) {
    return resolve(identity.roles(), new Traits(identity.logins(), identity.traits()));
  }
}
