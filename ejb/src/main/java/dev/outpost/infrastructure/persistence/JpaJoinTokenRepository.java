package dev.outpost.infrastructure.persistence;

import dev.outpost.domain.token.JoinToken;
import dev.outpost.domain.token.JoinTokenRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaJoinTokenRepository implements JoinTokenRepository {

  @PersistenceContext(unitName = "outpost")
  private EntityManager entityManager;

  @Override
  public Optional<JoinToken> findForUpdate(String tokenHash) {
    // SELECT ... FOR UPDATE: a concurrent redeemer blocks here and then reads the token as used.
    return entityManager.createNamedQuery("JoinToken.byHash", JoinToken.class)
        .setParameter("tokenHash", tokenHash)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultStream()
        .findFirst();
  }

  @Override
  public void add(JoinToken token) {
    entityManager.persist(token);
  }

  @Override
  public List<JoinToken> pending(Instant now) {
    return entityManager.createNamedQuery("JoinToken.pending", JoinToken.class)
        .setParameter("now", now.atOffset(ZoneOffset.UTC))
        .getResultList();
  }

  @Override
  public Optional<JoinToken> findById(String id) {
    return Optional.ofNullable(entityManager.find(JoinToken.class, id));
  }

  @Override
  public void remove(JoinToken token) {
    entityManager.remove(token);
  }
}
