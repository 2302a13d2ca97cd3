package dev.outpost.infrastructure.persistence;

import dev.outpost.domain.shared.UtcTime;
import dev.outpost.domain.sso.SsoRequest;
import dev.outpost.domain.sso.SsoRequestRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;

@ApplicationScoped
public class JpaSsoRequestRepository implements SsoRequestRepository {

  @PersistenceContext(unitName = "outpost")
  private EntityManager entityManager;

  @Override
  public void add(SsoRequest request) {
    entityManager.persist(request);
  }

  @Override
  public Optional<SsoRequest> findForUpdate(String stateHash) {
    // Locked: two callbacks with the same state cannot both see it unused.
    return entityManager.createNamedQuery("SsoRequest.byStateHash", SsoRequest.class)
        .setParameter("stateHash", stateHash)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultStream()
        .findFirst();
  }

  @Override
  public void deleteExpired(Instant before) {
    entityManager.createNamedQuery("SsoRequest.deleteExpired")
        .setParameter("before", UtcTime.of(before))
        .executeUpdate();
  }
}
