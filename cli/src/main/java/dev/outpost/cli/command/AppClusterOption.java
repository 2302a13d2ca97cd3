package dev.outpost.cli.command;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Option;

/**
 * {@code --cluster} of {@code outpost apps}: the apps of this cluster (the default) or of a leaf
 * cluster, which decides who may open them while this cluster serves them.
 */
final class AppClusterOption {
  static final String LISTING = "/api/v1/apps";

  @Option(names = "--cluster", paramLabel = "NAME",
      description = "The apps of this cluster (the default) or of a leaf cluster.")
  String cluster;

  /** {@code ?cluster=LEAF}, or nothing for this cluster's apps. */
  String query() {
    return cluster == null || cluster.isEmpty() ? ""
        : "?cluster=" + URLEncoder.encode(cluster, StandardCharsets.UTF_8);
  }

  /** How the app's client certificate is filed: {@code APP}, or {@code APP.LEAF}. */
  String fileName(String app) {
    return cluster == null || cluster.isEmpty() ? app : app + "." + cluster;
  }
}
