package dev.outpost.cli.command.admin;

import dev.outpost.api.CaKeyView;
import dev.outpost.cli.CliException;
import dev.outpost.cli.command.BaseCommand;
import dev.outpost.cli.command.FormatOption;
import dev.outpost.cli.output.CaKeyListing;
import dev.outpost.client.http.ApiException;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code outpost admin ca ls}: the active and the still trusted keys of both SSH CAs. */
@Command(name = "ls", description = "List the CA keys: active, and trusted until a time.")
final class CaLsCommand extends BaseCommand {

  @Mixin FormatOption format;

  @Override
  public Integer call() throws CliException, ApiException, IOException {
    CaKeyListing.print(out(), format.format(),
        store().load().api().getList("/api/v1/admin/ca", CaKeyView.class));
    return OK;
  }
}
