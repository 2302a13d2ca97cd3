package dev.outpost.domain.node;

import java.util.List;
import java.util.Optional;

/** Where nodes are kept. */
public interface NodeRepository {

  Optional<Node> find(String cluster, String name);

  /** The cluster's nodes by name. */
  List<Node> list(String cluster);

  void add(Node node);

  /** Forgets the node: its certificate no longer opens a tunnel, since tunnels need the row. */
  void remove(Node node);
}
