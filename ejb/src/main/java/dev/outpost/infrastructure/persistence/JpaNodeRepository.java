package dev.outpost.infrastructure.persistence;

import dev.outpost.domain.node.Node;
import dev.outpost.domain.node.NodeRepository;
import dev.outpost.domain.shared.UtcTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaNodeRepository implements NodeRepository {

  @PersistenceContext(unitName = "outpost")
  private EntityManager entityManager;

  @Override
  public Optional<Node> find(String cluster, String name) {
    return entityManager.createNamedQuery("Node.byName", Node.class)
        .setParameter("cluster", cluster)
        .setParameter("name", name)
        .getResultStream()
        .findFirst();
  }

  @Override
  public List<Node> list(String cluster) {
    return entityManager.createNamedQuery("Node.all", Node.class)
        .setParameter("cluster", cluster)
        .getResultList();
  }

  @Override
  public void seen(String cluster, String name, Instant heard) {
    entityManager.createNamedQuery("Node.seen")
        .setParameter(1, UtcTime.of(heard))
        .setParameter(2, cluster)
        .setParameter(3, name)
        .executeUpdate();
  }

  @Override
  public void add(Node node) {
    entityManager.persist(node);
  }

  @Override
  public void flush() {
    entityManager.flush();
  }

  @Override
  public void remove(Node node) {
    entityManager.remove(node);
  }
}
