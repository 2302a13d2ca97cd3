package dev.outpost.domain.node;

import java.util.List;
import java.util.Optional;

/** Where nodes are kept. */
public interface NodeRepository {

  Optional<Node> find(String cluster, String name);

  /** The cluster's nodes by name. */
  List<Node> list(String cluster);

  void add(Node node);
}
