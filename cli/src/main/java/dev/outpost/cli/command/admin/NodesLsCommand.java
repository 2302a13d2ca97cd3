package dev.outpost.cli.command.admin;

import dev.outpost.api.NodeView;
import dev.outpost.cli.CliException;
import dev.outpost.cli.command.BaseCommand;
import dev.outpost.cli.command.FormatOption;
import dev.outpost.cli.output.NodeListing;
import dev.outpost.client.http.ApiException;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code outpost admin nodes ls}: every node of the cluster, reachable by the admin or not. */
@Command(name = "ls", description = "List all nodes of the cluster.")
final class NodesLsCommand extends BaseCommand {

  @Mixin FormatOption format;

  @Override
  public Integer call() throws CliException, ApiException, IOException {
    NodeListing.print(
        out(),
        format.format(),
        store().load().api().getList("/api/v1/admin/nodes", NodeView.class));
    return OK;
  }
}
