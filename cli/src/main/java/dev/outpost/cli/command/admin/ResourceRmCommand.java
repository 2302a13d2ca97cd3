package dev.outpost.cli.command.admin;

import dev.outpost.cli.CliException;
import dev.outpost.cli.command.BaseCommand;
import dev.outpost.client.http.ApiException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Parameters;

/** {@code outpost admin KIND rm NAME}: removes one named resource. */
abstract class ResourceRmCommand extends BaseCommand {

  @Parameters(paramLabel = "NAME", description = "The name of what to remove.")
  String name;

  /** The API collection, e.g. {@code /api/v1/admin/roles}. */
  abstract String collection();

  /** What is removed, for the confirmation, e.g. {@code Role}. */
  abstract String noun();

  @Override
  public Integer call() throws CliException, ApiException, IOException {
    store()
        .load()
        .api()
        .delete(collection() + "/" + URLEncoder.encode(name, StandardCharsets.UTF_8));
    out().printf("%s %s removed.%n", noun(), name);
    return OK;
  }
}
