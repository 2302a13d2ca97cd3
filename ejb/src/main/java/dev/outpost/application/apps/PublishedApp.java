package dev.outpost.application.apps;

import java.util.Map;

/**
 * A web app an online agent publishes, as the proxy knows it.
 *
 * @param name the app's name, its subdomain; for an app of a leaf cluster, the root's host label
 *     {@code APP--LEAF}
 * @param node the node whose agent serves it; for an app of a leaf cluster, the leaf
 * @param labels the app's labels, for roles' {@code app_labels}
 * @param leaf the leaf cluster that owns the app and decides about it, or null for this cluster's
 */
public record PublishedApp(String name, String node, Map<String, String> labels, String leaf) {
  public PublishedApp {
    labels = Map.copyOf(labels);
  }

  /** An app of this cluster. */
  public PublishedApp(String name, String node, Map<String, String> labels) {
    this(name, node, labels, null);
  }

  /**
   * An app of leaf cluster {@code leaf} as its root sees it: the root applies only its locks on
   * the user, the leaf its roles.
   */
  public static PublishedApp ofLeaf(String label, String leaf) {
    return new PublishedApp(label, leaf, Map.of(), leaf);
  }

  /** Whether a leaf cluster owns the app. */
  public boolean inLeaf() {
    return leaf != null;
  }
}
