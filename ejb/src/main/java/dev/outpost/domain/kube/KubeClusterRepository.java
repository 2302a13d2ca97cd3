package dev.outpost.domain.kube;

import java.util.List;
import java.util.Optional;

/** Where Kubernetes clusters are kept. */
public interface KubeClusterRepository {

  Optional<KubeCluster> find(String cluster, String name);

  /** The Outpost cluster's Kubernetes clusters by name. */
  List<KubeCluster> list(String cluster);

  void add(KubeCluster kubeCluster);
}
