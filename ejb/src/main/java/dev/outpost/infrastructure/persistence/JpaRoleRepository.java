package dev.outpost.infrastructure.persistence;

import dev.outpost.domain.role.RoleRepository;
import dev.outpost.domain.role.StoredRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaRoleRepository implements RoleRepository {

  @PersistenceContext(unitName = "outpost")
  private EntityManager entityManager;

  @Override
  public Optional<StoredRole> find(String name) {
    return Optional.ofNullable(entityManager.find(StoredRole.class, name));
  }

  @Override
  public List<StoredRole> findAll(Collection<String> names) {
    if (names.isEmpty()) {
      return List.of();
    }
    return entityManager.createNamedQuery("StoredRole.byNames", StoredRole.class)
        .setParameter("names", names)
        .getResultList();
  }

  @Override
  public List<StoredRole> list() {
    return entityManager.createNamedQuery("StoredRole.all", StoredRole.class).getResultList();
  }

  @Override
  public void add(StoredRole role) {
    entityManager.persist(role);
  }

  @Override
  public void remove(StoredRole role) {
    entityManager.remove(role);
  }
}
