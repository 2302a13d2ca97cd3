package dev.outpost.domain.user;

import dev.outpost.domain.shared.OutpostException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Who is behind an authenticated request: from a session token or a user certificate. What the
 * roles allow is decided by the role engine ({@code dev.outpost.domain.role.RoleSet}).
 *
 * @param user user name
 * @param roles names of the user's roles
 * @param logins the user's own OS logins (the {@code internal.logins} trait)
 * @param expires end of the session or certificate
 */
public record UserIdentity(String user, Set<String> roles, List<String> logins, Instant expires) {

  public UserIdentity {
    roles = Set.copyOf(roles);
    logins = List.copyOf(logins);
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  /** @throws OutpostException FORBIDDEN unless the user has {@code role} */
  public void requireRole(String role) {
    if (!hasRole(role)) {
      throw OutpostException.forbidden("role " + role + " is required");
    }
  }

  /** Role names, sorted. */
  public List<String> roleNames() {
    return roles.stream().sorted().toList();
  }
}
