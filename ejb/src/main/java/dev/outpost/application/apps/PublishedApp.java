package dev.outpost.application.apps;

import java.util.Map;

/**
 * A web app an online agent publishes, as the proxy knows it.
 *
 * @param name the app's name, its subdomain
 * @param node the node whose agent serves it
 * @param labels the app's labels, for roles' {@code app_labels}
 */
public record PublishedApp(String name, String node, Map<String, String> labels) {
  public PublishedApp {
    labels = Map.copyOf(labels);
  }
}
