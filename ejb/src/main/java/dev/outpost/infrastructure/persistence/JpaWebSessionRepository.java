package dev.outpost.infrastructure.persistence;

import dev.outpost.domain.session.WebSession;
import dev.outpost.domain.session.WebSessionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

@ApplicationScoped
public class JpaWebSessionRepository implements WebSessionRepository {

  @PersistenceContext(unitName = "outpost")
  private EntityManager entityManager;

  @Override
  public Optional<WebSession> findByTokenHash(String tokenHash) {
    return entityManager.createNamedQuery("WebSession.byTokenHash", WebSession.class)
        .setParameter("tokenHash", tokenHash)
        .getResultStream()
        .findFirst();
  }

  @Override
  public void add(WebSession session) {
    entityManager.persist(session);
  }
}
