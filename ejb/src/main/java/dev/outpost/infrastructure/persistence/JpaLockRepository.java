package dev.outpost.infrastructure.persistence;

import dev.outpost.domain.lock.Lock;
import dev.outpost.domain.lock.LockRepository;
import dev.outpost.domain.shared.UtcTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class JpaLockRepository implements LockRepository {

  @PersistenceContext(unitName = "outpost")
  private EntityManager entityManager;

  @Override
  public void add(Lock lock) {
    entityManager.persist(lock);
  }

  @Override
  public List<Lock> activeAt(Instant now) {
    return entityManager.createNamedQuery("Lock.activeAt", Lock.class)
        .setParameter("now", UtcTime.of(now))
        .getResultList();
  }
}
