package dev.outpost.cli.command;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A Kubernetes cluster as the CLI names it to the proxy: of the cluster the user logged in to, or
 * of one of its leaf clusters ({@code --cluster=LEAF}), reached through the same proxy at {@code
 * /kube/KUBE.LEAF}, as a leaf's nodes are {@code NODE.LEAF}. Neither name has a dot, so the
 * address is never ambiguous.
 *
 * @param kube the Kubernetes cluster
 * @param leaf the leaf cluster it belongs to, or null for the cluster the user logged in to
 */
record KubeClusterName(String kube, String leaf) {
  static final String LISTING = "/api/v1/kube/clusters";
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  /** @throws IllegalArgumentException when a name is not one DNS label */
  KubeClusterName {
    if (kube != null && !LABEL.matcher(kube).matches()) {
      throw new IllegalArgumentException("Kubernetes cluster name '" + kube + "' is invalid:"
          + " 1-63 lowercase letters, digits or '-'");
    }
    if (leaf != null && !LABEL.matcher(leaf).matches()) {
      throw new IllegalArgumentException("cluster name '" + leaf + "' is invalid: one DNS label,"
          + " without dots");
    }
  }

  /** The listing of the Kubernetes clusters the user may reach, here or in the leaf. */
  String listingPath() {
    return leaf == null ? LISTING
        : LISTING + "?cluster=" + URLEncoder.encode(leaf, StandardCharsets.UTF_8);
  }

  /** The path of the cluster's API at the proxy, the prefix of kubectl's {@code server}. */
  String serverPath() {
    return "/kube/" + this;
  }

  /** The kubeconfig cluster, user and context name for a login to {@code proxyCluster}. */
  String context(String proxyCluster) {
    return proxyCluster + "-" + this;
  }

  /** {@code KUBE}, or {@code KUBE.LEAF}. */
  @Override
  public String toString() {
    return leaf == null ? kube : kube + "." + leaf;
  }
}
