package dev.outpost.cli.command.admin;

import dev.outpost.api.TrustedClusterView;
import dev.outpost.cli.CliException;
import dev.outpost.cli.command.BaseCommand;
import dev.outpost.cli.command.FormatOption;
import dev.outpost.cli.output.ClusterListing;
import dev.outpost.client.http.ApiException;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code outpost admin clusters ls}: this cluster, its leaves and the roots it joined. */
@Command(name = "ls", description = "List this cluster, its leaf clusters and the roots it joined.")
final class ClustersLsCommand extends BaseCommand {

  @Mixin FormatOption format;

  @Override
  public Integer call() throws CliException, ApiException, IOException {
    ClusterListing.print(out(), format.format(),
        store().load().api().getList("/api/v1/admin/clusters", TrustedClusterView.class));
    return OK;
  }
}
