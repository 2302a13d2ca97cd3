package dev.outpost.cli.output;

import dev.outpost.api.NodeView;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Prints nodes, for {@code outpost ls} and {@code outpost admin nodes ls} alike. */
public final class NodeListing {
  private NodeListing() {}

  public static void print(PrintWriter out, Format format, List<NodeView> nodes) {
    if (format == Format.JSON) {
      Json.print(out, nodes);
      return;
    }
    Table table = new Table("NAME", "CLUSTER", "ADDRESS", "LABELS", "STATUS");
    for (NodeView node : nodes) {
      table.row(node.name(), node.cluster(), node.address(), labels(node.labels()), status(node));
    }
    table.print(out);
  }

  /** {@code k=v,k=v} in key order, as the labels are typed on the command line. */
  static String labels(Map<String, String> labels) {
    if (labels == null || labels.isEmpty()) {
      return "-";
    }
    return new TreeMap<>(labels)
        .entrySet().stream()
            .map(label -> label.getKey() + "=" + label.getValue())
            .collect(Collectors.joining(","));
  }

  static String status(NodeView node) {
    if (node.online()) {
      return "online";
    }
    if (node.reconnecting()) {
      return "reconnecting";
    }
    return node.lastSeen() == null
        ? "never connected"
        : "offline since " + Text.instant(node.lastSeen());
  }
}
