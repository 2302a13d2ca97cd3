package dev.outpost.cli.output;

import dev.outpost.api.TrustedClusterView;
import java.io.PrintWriter;
import java.util.List;

/** Trusted clusters as a table or JSON lines: {@code outpost clusters}, {@code admin clusters ls}. */
public final class ClusterListing {
  private ClusterListing() {}

  public static void print(PrintWriter out, Format format, List<TrustedClusterView> clusters) {
    if (format == Format.JSON) {
      Json.print(out, clusters);
      return;
    }
    Table table = new Table("CLUSTER", "KIND", "STATUS", "LAST SEEN");
    for (TrustedClusterView cluster : clusters) {
      table.row(cluster.name(), cluster.kind(), cluster.online() ? "online" : "offline",
          cluster.lastSeen() == null ? "-" : Text.instant(cluster.lastSeen()));
    }
    table.print(out);
  }
}
