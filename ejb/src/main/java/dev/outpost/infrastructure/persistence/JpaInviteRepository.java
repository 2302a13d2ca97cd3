package dev.outpost.infrastructure.persistence;

import dev.outpost.domain.user.Invite;
import dev.outpost.domain.user.InviteRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

@ApplicationScoped
public class JpaInviteRepository implements InviteRepository {

  @PersistenceContext(unitName = "outpost")
  private EntityManager entityManager;

  @Override
  public Optional<Invite> findByCodeHash(String codeHash) {
    return entityManager.createNamedQuery("Invite.byCodeHash", Invite.class)
        .setParameter("codeHash", codeHash)
        .getResultStream()
        .findFirst();
  }

  @Override
  public void add(Invite invite) {
    entityManager.persist(invite);
  }
}
