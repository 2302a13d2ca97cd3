package dev.outpost.application;

import dev.outpost.api.NodeView;
import dev.outpost.domain.node.Node;

/** Nodes as the API lists them. */
final class NodeViews {

  /** How nodes are reached: through their reverse tunnel. */
  static final String TUNNEL = "tunnel";

  private NodeViews() {}

  static NodeView of(Node node) {
    return new NodeView(node.name(), node.cluster(), TUNNEL, node.labels(), node.isOnline(),
        node.lastSeen().orElse(null), node.isReconnecting());
  }
}
