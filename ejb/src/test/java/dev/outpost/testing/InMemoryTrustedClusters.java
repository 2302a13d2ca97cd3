package dev.outpost.testing;

import dev.outpost.domain.cluster.LeafCluster;
import dev.outpost.domain.cluster.RootCluster;
import dev.outpost.domain.cluster.TrustedClusterRepository;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Trusted clusters in maps, for plain-service tests. */
public final class InMemoryTrustedClusters implements TrustedClusterRepository {
  private final Map<String, LeafCluster> leaves = new TreeMap<>();
  private final Map<String, RootCluster> roots = new TreeMap<>();

  @Override
  public Optional<LeafCluster> findLeaf(String name) {
    return Optional.ofNullable(leaves.get(name));
  }

  @Override
  public List<LeafCluster> leaves() {
    return List.copyOf(leaves.values());
  }

  @Override
  public void addLeaf(LeafCluster leaf) {
    leaves.put(leaf.name(), leaf);
  }

  @Override
  public void removeLeaf(LeafCluster leaf) {
    leaves.remove(leaf.name());
  }

  @Override
  public Optional<RootCluster> findRoot(String name) {
    return Optional.ofNullable(roots.get(name));
  }

  @Override
  public List<RootCluster> roots() {
    return List.copyOf(roots.values());
  }

  @Override
  public void addRoot(RootCluster root) {
    roots.put(root.name(), root);
  }

  @Override
  public void removeRoot(RootCluster root) {
    roots.remove(root.name());
  }
}
