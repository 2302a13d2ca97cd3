package dev.outpost.domain.role;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Where roles are kept. */
public interface RoleRepository {

  Optional<StoredRole> find(String name);

  /** The roles among {@code names} that exist, by name. */
  List<StoredRole> findAll(Collection<String> names);

  /** All roles, by name. */
  List<StoredRole> list();

  void add(StoredRole role);

  void remove(StoredRole role);
}
