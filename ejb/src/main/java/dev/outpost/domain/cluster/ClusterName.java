package dev.outpost.domain.cluster;

import dev.outpost.domain.node.NodeName;
import dev.outpost.domain.shared.OutpostException;
import java.util.Arrays;

/**
 * The rule for trusted cluster names: one DNS label, so that {@code NODE.CLUSTER} splits one way
 * only, and never the name of the cluster checking it (a leaf may not pose as its root, nor a
 * root's name be taken by a leaf).
 */
public final class ClusterName {
  private ClusterName() {}

  /** @throws OutpostException BAD_REQUEST naming the rule */
  public static String check(String name, String ownCluster) {
    if (!NodeName.isDnsLabel(name)) {
      throw OutpostException.badRequest("cluster name '" + printable(name) + "' is invalid: use 1-63"
          + " lowercase letters, digits or '-' (no dots), not starting or ending with '-'");
    }
    if (name.equals(ownCluster)) {
      throw OutpostException.badRequest("cluster name '" + name + "' is this cluster's own name");
    }
    return name;
  }

  /**
   * The rule for a root's name as a leaf sees it: a host name (labels joined by dots), since
   * cluster names default to the proxy's host name; never the leaf's own.
   *
   * @throws OutpostException BAD_REQUEST naming the rule
   */
  public static String checkRoot(String name, String ownCluster) {
    if (name == null || name.length() > 253 || name.isEmpty()
        || !Arrays.stream(name.split("\\.", -1)).allMatch(NodeName::isDnsLabel)) {
      throw OutpostException.badRequest("root cluster name '" + printable(name) + "' is not a host"
          + " name");
    }
    if (name.equals(ownCluster)) {
      throw OutpostException.badRequest("root cluster name '" + name + "' is this cluster's own");
    }
    return name;
  }

  private static String printable(String name) {
    if (name == null) {
      return "";
    }
    String cut = name.length() > 70 ? name.substring(0, 70) + "…" : name;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
