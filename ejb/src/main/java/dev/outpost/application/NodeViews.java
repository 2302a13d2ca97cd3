package dev.outpost.application;

import dev.outpost.api.NodeView;
import dev.outpost.domain.node.Node;
import java.time.Instant;

/** Nodes as the API lists them. */
final class NodeViews {

  /** How nodes are reached: through their reverse tunnel. */
  static final String TUNNEL = "tunnel";

  private NodeViews() {}

  /** {@code staleBefore}: a node offline since before this instant is listed as stale. */
  static NodeView of(Node node, Instant staleBefore) {
    return new NodeView(node.name(), node.cluster(), TUNNEL, node.labels(), node.isOnline(),
        node.lastSeen().orElse(null), node.isReconnecting(), node.isStaleAt(staleBefore));
  }
}
