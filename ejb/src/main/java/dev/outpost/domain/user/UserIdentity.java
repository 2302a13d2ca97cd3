package dev.outpost.domain.user;

import dev.outpost.domain.shared.OutpostException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Who is behind an authenticated request: from a session token or a user certificate.
 *
 * @param user user name
 * @param roles the user's roles
 * @param logins OS logins the user may use
 * @param expires end of the session or certificate
 */
public record UserIdentity(String user, Set<Role> roles, List<String> logins, Instant expires) {

  public UserIdentity {
    roles = Set.copyOf(roles);
    logins = List.copyOf(logins);
  }

  public boolean hasRole(Role role) {
    return roles.contains(role);
  }

  /** Admins and users with role {@code access} reach nodes. */
  public boolean mayAccessNodes() {
    return hasRole(Role.ACCESS) || hasRole(Role.ADMIN);
  }

  /** @throws OutpostException FORBIDDEN unless the user has {@code role} */
  public void requireRole(Role role) {
    if (!hasRole(role)) {
      throw OutpostException.forbidden("role " + role.wireName() + " is required");
    }
  }

  /** Roles by wire name, sorted. */
  public List<String> roleNames() {
    return roles.stream().map(Role::wireName).sorted().toList();
  }
}
