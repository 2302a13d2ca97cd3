package dev.outpost.infrastructure.persistence;

import dev.outpost.domain.sso.ConnectorRepository;
import dev.outpost.domain.sso.StoredConnector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaConnectorRepository implements ConnectorRepository {

  @PersistenceContext(unitName = "outpost")
  private EntityManager entityManager;

  @Override
  public Optional<StoredConnector> find(String name) {
    return Optional.ofNullable(entityManager.find(StoredConnector.class, name));
  }

  @Override
  public List<StoredConnector> list() {
    return entityManager.createNamedQuery("StoredConnector.all", StoredConnector.class)
        .getResultList();
  }

  @Override
  public void add(StoredConnector connector) {
    entityManager.persist(connector);
  }

  @Override
  public void remove(StoredConnector connector) {
    entityManager.remove(connector);
  }
}
