package dev.outpost.application.admin;

import dev.outpost.domain.role.Role;
import dev.outpost.domain.role.RoleRepository;
import dev.outpost.domain.role.StoredRole;
import dev.outpost.domain.shared.OutpostException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The role names an admin gives a user: at least one, each of a role that exists. */
final class ExistingRoles {
  private ExistingRoles() {}

  /** The requested names, sorted; BAD_REQUEST naming every unknown role. */
  static Set<String> named(RoleRepository roles, List<String> names) {
    if (names == null || names.isEmpty()) {
      throw OutpostException.badRequest("a user needs at least one role, such as access");
    }
    Set<String> requested = names.stream().map(Role::checkName)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> known = roles.findAll(requested).stream().map(StoredRole::name)
        .collect(Collectors.toSet());
    List<String> unknown = requested.stream().filter(name -> !known.contains(name)).toList();
    if (!unknown.isEmpty()) {
      throw OutpostException.badRequest("no such role: " + String.join(", ", unknown)
          + " (create it with 'outpost admin roles create -f FILE')");
    }
    return requested;
  }
}
