package dev.outpost.testing;

import dev.outpost.domain.role.RoleRepository;
import dev.outpost.domain.role.StoredRole;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

public final class InMemoryRoles implements RoleRepository {

  /** The built-in role access as migration V2 seeds it. */
  public static final String ACCESS = """
      kind: role
      name: access
      allow:
        logins: ["{{internal.logins}}"]
        node_labels: {"*": "*"}
      options:
        file_copy: true
      """;

  private final Map<String, StoredRole> roles = new TreeMap<>();

  /** A repository with the built-in roles admin and access. */
  public static InMemoryRoles withBuiltins() {
    InMemoryRoles roles = new InMemoryRoles();
    roles.add(new StoredRole("kind: role\nname: admin\n", Instant.EPOCH));
    roles.add(new StoredRole(ACCESS, Instant.EPOCH));
    return roles;
  }

  @Override
  public Optional<StoredRole> find(String name) {
    return Optional.ofNullable(roles.get(name));
  }

  @Override
  public List<StoredRole> findAll(Collection<String> names) {
    return roles.values().stream().filter(role -> names.contains(role.name())).toList();
  }

  @Override
  public List<StoredRole> list() {
    return List.copyOf(roles.values());
  }

  @Override
  public void add(StoredRole role) {
    roles.put(role.name(), role);
  }

  @Override
  public void remove(StoredRole role) {
    roles.remove(role.name());
  }
}
