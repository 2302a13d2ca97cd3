package dev.outpost.domain.role;

import java.util.Collection;
import java.util.List;

/**
 * Resolves role names into a {@link RoleSet}. A name whose role has been removed simply grants
 * nothing any more.
 */
public final class RoleDirectory {

  private final RoleRepository roles;

  public RoleDirectory(RoleRepository roles) {
    this.roles = roles;
  }

  /** The combined roles {@code names} of a local user with OS logins {@code logins}. */
  public RoleSet resolve(Collection<String> names, List<String> logins) {
    return RoleSet.of(roles.findAll(names).stream().map(StoredRole::role).toList(),
        Traits.local(logins));
  }
}
