package dev.outpost.testing;

import dev.outpost.domain.node.Node;
import dev.outpost.domain.node.NodeRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

public final class InMemoryNodes implements NodeRepository {

  private final List<Node> nodes = new ArrayList<>();

  @Override
  public Optional<Node> find(String cluster, String name) {
    return nodes.stream()
        .filter(n -> n.cluster().equals(cluster) && n.name().equals(name))
        .findFirst();
  }

  @Override
  public List<Node> list(String cluster) {
    return nodes.stream()
        .filter(n -> n.cluster().equals(cluster))
        .sorted(Comparator.comparing(Node::name))
        .toList();
  }

  @Override
  public void seen(String cluster, String name, Instant heard) {
    find(cluster, name).ifPresent(node -> node.seen(heard));
  }

  @Override
  public void add(Node node) {
    nodes.add(node);
  }

  @Override
  public void flush() {
    // nothing pending: the list is the store
  }

  @Override
  public void remove(Node node) {
    nodes.remove(node);
  }
}
