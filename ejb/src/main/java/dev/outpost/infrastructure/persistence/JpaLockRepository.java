package dev.outpost.infrastructure.persistence;

import dev.outpost.domain.lock.Lock;
import dev.outpost.domain.lock.LockRepository;
import dev.outpost.domain.shared.UtcTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaLockRepository implements LockRepository {

  @PersistenceContext(unitName = "outpost")
  private EntityManager entityManager;

  @Override
  public void add(Lock lock) {
    entityManager.persist(lock);
  }

  @Override
  public Optional<Lock> findById(String id) {
    return Optional.ofNullable(entityManager.find(Lock.class, id));
  }

  @Override
  public void remove(Lock lock) {
    entityManager.remove(lock);
  }

  @Override
  public List<Lock> activeAt(Instant now) {
    return entityManager.createNamedQuery("Lock.activeAt", Lock.class)
        .setParameter("now", UtcTime.of(now))
        .getResultList();
  }
}
