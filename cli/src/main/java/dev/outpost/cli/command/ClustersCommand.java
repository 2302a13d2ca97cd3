package dev.outpost.cli.command;

import dev.outpost.api.TrustedClusterView;
import dev.outpost.cli.CliException;
import dev.outpost.cli.output.ClusterListing;
import dev.outpost.client.http.ApiException;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code outpost clusters}: this cluster and the leaf clusters reachable through it. */
@Command(name = "clusters", description = "List this cluster and its leaf clusters, with status.")
final class ClustersCommand extends BaseCommand {

  @Mixin FormatOption format;

  @Override
  public Integer call() throws CliException, ApiException, IOException {
    ClusterListing.print(out(), format.format(),
        store().load().api().getList("/api/v1/clusters", TrustedClusterView.class));
    return OK;
  }
}
