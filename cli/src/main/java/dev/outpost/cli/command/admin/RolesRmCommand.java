package dev.outpost.cli.command.admin;

import dev.outpost.cli.CliException;
import dev.outpost.cli.command.BaseCommand;
import dev.outpost.client.http.ApiException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code outpost admin roles rm NAME}: users who had the role lose what it granted. */
@Command(name = "rm", description = "Remove a role.")
final class RolesRmCommand extends BaseCommand {

  @Parameters(paramLabel = "NAME", description = "The role to remove.")
  String name;

  @Override
  public Integer call() throws CliException, ApiException, IOException {
    store()
        .load()
        .api()
        .delete("/api/v1/admin/roles/" + URLEncoder.encode(name, StandardCharsets.UTF_8));
    out().printf("Role %s removed.%n", name);
    return OK;
  }
}
