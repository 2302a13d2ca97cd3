package dev.outpost.infrastructure.persistence;

import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaUserRepository implements UserRepository {

  @PersistenceContext(unitName = "outpost")
  private EntityManager entityManager;

  @Override
  public Optional<User> findByName(String name) {
    return entityManager.createNamedQuery("User.byName", User.class)
        .setParameter("name", name)
        .getResultStream()
        .findFirst();
  }

  @Override
  public Optional<User> findForUpdate(String id) {
    return Optional.ofNullable(
        entityManager.find(User.class, id, LockModeType.PESSIMISTIC_WRITE));
  }

  @Override
  public boolean any() {
    return entityManager.createNamedQuery("User.count", Long.class).getSingleResult() > 0;
  }

  @Override
  public void add(User user) {
    entityManager.persist(user);
  }

  @Override
  public boolean nameTaken(String name) {
    return entityManager.createNamedQuery("User.countByName", Long.class)
        .setParameter("name", name)
        .getSingleResult() > 0;
  }

  @Override
  public List<User> list() {
    return entityManager.createNamedQuery("User.all", User.class).getResultList();
  }
}
