package dev.outpost.domain.user;

import dev.outpost.domain.shared.OutpostException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is behind an authenticated request: from a session token or a user certificate. What the
 * roles allow is decided by the role engine ({@code dev.outpost.domain.role.RoleSet}).
 *
 * @param user user name
 * @param roles names of the user's roles
 * @param logins the user's own OS logins (the {@code internal.logins} trait)
 * @param expires end of the session or certificate
 * @param traits what a single sign-on said about the user (the {@code external.*} traits)
 */
public record UserIdentity(String user, Set<String> roles, List<String> logins, Instant expires,
    Map<String, List<String>> traits) {

  public UserIdentity {
    roles = Set.copyOf(roles);
    logins = List.copyOf(logins);
    traits = Map.copyOf(traits);
  }

  /** A local user's identity: no external traits. */
  public UserIdentity(String user, Set<String> roles, List<String> logins, Instant expires) {
    this(user, roles, logins, expires, Map.of());
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
