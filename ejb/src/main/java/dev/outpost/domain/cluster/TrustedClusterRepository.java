package dev.outpost.domain.cluster;

import java.util.List;
import java.util.Optional;

/** The leaves that joined this cluster and the roots it joined. */
public interface TrustedClusterRepository {
  Optional<LeafCluster> findLeaf(String name);

  List<LeafCluster> leaves();

  void addLeaf(LeafCluster leaf);

  void removeLeaf(LeafCluster leaf);

  Optional<RootCluster> findRoot(String name);

  List<RootCluster> roots();

  void addRoot(RootCluster root);

  void removeRoot(RootCluster root);
}
