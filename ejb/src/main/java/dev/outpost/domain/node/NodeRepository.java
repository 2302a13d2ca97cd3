package dev.outpost.domain.node;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where nodes are kept. */
public interface NodeRepository {

  Optional<Node> find(String cluster, String name);

  /** The cluster's nodes by name. */
  List<Node> list(String cluster);

  /**
   * Notes the node as seen at {@code heard} unless it was seen later already ({@link Node#seen}),
   * without loading it: one statement, and no version change to fail its tunnel's own updates.
   */
  void seen(String cluster, String name, Instant heard);

  void add(Node node);

  /** Writes the changes made so far, so that a conflicting update shows now rather than at commit. */
  void flush();

  /** Forgets the node: its certificate no longer opens a tunnel, since tunnels need the row. */
  void remove(Node node);
}
