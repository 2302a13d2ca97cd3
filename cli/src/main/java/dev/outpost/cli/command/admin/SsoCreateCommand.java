package dev.outpost.cli.command.admin;

import dev.outpost.api.ConnectorApplied;
import dev.outpost.api.ConnectorRequest;
import dev.outpost.cli.CliException;
import dev.outpost.cli.command.BaseCommand;
import dev.outpost.cli.command.FormatOption;
import dev.outpost.cli.output.Format;
import dev.outpost.cli.output.Json;
import dev.outpost.client.http.ApiException;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code outpost admin sso create -f FILE}: creates the connector the file describes, or replaces
 * the connector of that name. The proxy validates it, seals the client secret and never shows it
 * again.
 */
@Command(name = "create", description = "Create or update an SSO connector from a YAML resource.")
final class SsoCreateCommand extends BaseCommand {

  @Option(
      names = {"-f", "--file"},
      required = true,
      paramLabel = "FILE",
      description = "The connector resource (kind: oidc, YAML or JSON).")
  Path file;

  @Mixin FormatOption format;

  @Override
  public Integer call() throws CliException, ApiException, IOException {
    ConnectorApplied applied = store().load().api().post("/api/v1/admin/sso",
        new ConnectorRequest(ResourceFile.read(file, "connector")), ConnectorApplied.class);
    if (format.format() == Format.JSON) {
      Json.print(out(), applied);
      return OK;
    }
    out().printf("SSO connector %s %s.%n", applied.name(),
        applied.created() ? "created" : "updated");
    return OK;
  }
}
