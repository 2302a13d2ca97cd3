package dev.outpost.cli.command;

import dev.outpost.api.AppView;
import dev.outpost.cli.CliException;
import dev.outpost.cli.output.AppListing;
import dev.outpost.client.http.ApiException;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code outpost apps ls [--cluster=LEAF]}: the online web apps the user may open. */
@Command(name = "ls", description = "List the web apps you may open.")
final class AppsLsCommand extends BaseCommand {

  @Mixin FormatOption format;
  @Mixin AppClusterOption cluster;

  @Override
  public Integer call() throws CliException, ApiException, IOException {
    AppListing.print(out(), format.format(),
        store().load().api().getList(AppClusterOption.LISTING + cluster.query(), AppView.class));
    return OK;
  }
}
