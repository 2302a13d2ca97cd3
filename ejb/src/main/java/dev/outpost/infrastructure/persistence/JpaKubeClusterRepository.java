package dev.outpost.infrastructure.persistence;

import dev.outpost.domain.kube.KubeCluster;
import dev.outpost.domain.kube.KubeClusterRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaKubeClusterRepository implements KubeClusterRepository {

  @PersistenceContext(unitName = "outpost")
  private EntityManager entityManager;

  @Override
  public Optional<KubeCluster> find(String cluster, String name) {
    return entityManager.createNamedQuery("KubeCluster.byName", KubeCluster.class)
        .setParameter("cluster", cluster)
        .setParameter("name", name)
        .getResultStream()
        .findFirst();
  }

  @Override
  public List<KubeCluster> list(String cluster) {
    return entityManager.createNamedQuery("KubeCluster.all", KubeCluster.class)
        .setParameter("cluster", cluster)
        .getResultList();
  }

  @Override
  public void add(KubeCluster kubeCluster) {
    entityManager.persist(kubeCluster);
  }
}
