package dev.outpost.cli.command.admin;

import dev.outpost.api.RoleApplied;
import dev.outpost.api.RoleRequest;
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
 * {@code outpost admin roles create -f FILE}: creates the role the file describes, or replaces the
 * role of that name. The proxy validates the resource and names the field at fault.
 */
@Command(name = "create", description = "Create or update a role from a YAML resource.")
final class RolesCreateCommand extends BaseCommand {

  @Option(
      names = {"-f", "--file"},
      required = true,
      paramLabel = "FILE",
      description = "The role resource (YAML or JSON).")
  Path file;

  @Mixin FormatOption format;

  @Override
  public Integer call() throws CliException, ApiException, IOException {
    RoleApplied applied =
        store()
            .load()
            .api()
            .post("/api/v1/admin/roles", new RoleRequest(ResourceFile.read(file, "role")), RoleApplied.class);
    if (format.format() == Format.JSON) {
      Json.print(out(), applied);
      return OK;
    }
    out().printf("Role %s %s.%n", applied.name(), applied.created() ? "created" : "updated");
    return OK;
  }
}
