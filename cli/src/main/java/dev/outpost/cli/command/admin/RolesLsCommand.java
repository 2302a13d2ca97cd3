package dev.outpost.cli.command.admin;

import dev.outpost.api.RoleView;
import dev.outpost.cli.CliException;
import dev.outpost.cli.command.BaseCommand;
import dev.outpost.cli.command.FormatOption;
import dev.outpost.cli.output.Format;
import dev.outpost.cli.output.Json;
import dev.outpost.cli.output.Table;
import dev.outpost.client.http.ApiException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code outpost admin roles ls}: every role, with what it allows and denies on nodes. */
@Command(name = "ls", description = "List roles.")
final class RolesLsCommand extends BaseCommand {

  @Mixin FormatOption format;

  @Override
  public Integer call() throws CliException, ApiException, IOException {
    List<RoleView> roles = store().load().api().getList("/api/v1/admin/roles", RoleView.class);
    if (format.format() == Format.JSON) {
      Json.print(out(), roles);
      return OK;
    }
    Table table = new Table("NAME", "LOGINS", "NODE LABELS", "DENY", "OPTIONS");
    for (RoleView role : roles) {
      table.row(
          role.name() + (role.builtin() ? " (built-in)" : ""),
          field(role.allow(), "logins"),
          field(role.allow(), "node_labels"),
          role.deny().isEmpty() ? "-" : role.deny().toString(),
          role.options().isEmpty() ? "-" : role.options().toString());
    }
    table.print(out());
    return OK;
  }

  private static String field(Map<String, Object> fields, String name) {
    Object value = fields.get(name);
    return value == null ? "-" : value.toString();
  }
}
