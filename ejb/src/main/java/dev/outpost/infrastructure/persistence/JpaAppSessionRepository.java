package dev.outpost.infrastructure.persistence;

import dev.outpost.domain.app.AppSession;
import dev.outpost.domain.app.AppSessionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

@ApplicationScoped
public class JpaAppSessionRepository implements AppSessionRepository {

  @PersistenceContext(unitName = "outpost")
  private EntityManager entityManager;

  @Override
  public Optional<AppSession> findByCodeHash(String codeHash) {
    return find("AppSession.byCodeHash", codeHash);
  }

  @Override
  public Optional<AppSession> findByTokenHash(String tokenHash) {
    return find("AppSession.byTokenHash", tokenHash);
  }

  @Override
  public void add(AppSession session) {
    entityManager.persist(session);
  }

  private Optional<AppSession> find(String query, String hash) {
    return entityManager.createNamedQuery(query, AppSession.class)
        .setParameter("hash", hash)
        .getResultStream()
        .findFirst();
  }
}
