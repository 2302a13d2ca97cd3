package dev.outpost.infrastructure.persistence;

import dev.outpost.domain.cluster.LeafCluster;
import dev.outpost.domain.cluster.RootCluster;
import dev.outpost.domain.cluster.TrustedClusterRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaTrustedClusterRepository implements TrustedClusterRepository {

  @PersistenceContext(unitName = "outpost")
  private EntityManager entityManager;

  @Override
  public Optional<LeafCluster> findLeaf(String name) {
    return Optional.ofNullable(entityManager.find(LeafCluster.class, name));
  }

  @Override
  public List<LeafCluster> leaves() {
    return entityManager.createNamedQuery("LeafCluster.all", LeafCluster.class).getResultList();
  }

  @Override
  public void addLeaf(LeafCluster leaf) {
    entityManager.persist(leaf);
  }

  @Override
  public void removeLeaf(LeafCluster leaf) {
    entityManager.remove(leaf);
  }

  @Override
  public Optional<RootCluster> findRoot(String name) {
    return Optional.ofNullable(entityManager.find(RootCluster.class, name));
  }

  @Override
  public List<RootCluster> roots() {
    return entityManager.createNamedQuery("RootCluster.all", RootCluster.class).getResultList();
  }

  @Override
  public void addRoot(RootCluster root) {
    entityManager.persist(root);
  }

  @Override
  public void removeRoot(RootCluster root) {
    entityManager.remove(root);
  }
}
