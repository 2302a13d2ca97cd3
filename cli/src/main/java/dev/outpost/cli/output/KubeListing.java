package dev.outpost.cli.output;

import dev.outpost.api.KubeClusterView;
import java.io.PrintWriter;
import java.util.List;

/** Prints Kubernetes clusters for {@code outpost kube ls}. */
public final class KubeListing {
  private KubeListing() {}

  public static void print(PrintWriter out, Format format, List<KubeClusterView> clusters) {
    if (format == Format.JSON) {
      Json.print(out, clusters);
      return;
    }
    Table table = new Table("NAME", "LABELS", "STATUS", "AS USER", "AS GROUPS");
    for (KubeClusterView cluster : clusters) {
      table.row(cluster.name(), NodeListing.labels(cluster.labels()),
          cluster.online() ? "online" : "offline", cluster.user(),
          cluster.groups().isEmpty() ? "-" : String.join(",", cluster.groups()));
    }
    table.print(out);
  }
}
