package dev.outpost.cli.command.admin;

import dev.outpost.api.UserView;
import dev.outpost.cli.CliException;
import dev.outpost.cli.command.BaseCommand;
import dev.outpost.cli.command.FormatOption;
import dev.outpost.cli.output.Format;
import dev.outpost.cli.output.Json;
import dev.outpost.cli.output.Table;
import dev.outpost.cli.output.Text;
import dev.outpost.client.http.ApiException;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code outpost admin users ls}: local users with their roles, logins and factors. */
@Command(name = "ls", description = "List local users.")
final class UsersLsCommand extends BaseCommand {

  @Mixin FormatOption format;

  @Override
  public Integer call() throws CliException, ApiException, IOException {
    List<UserView> users = store().load().api().getList("/api/v1/admin/users", UserView.class);
    if (format.format() == Format.JSON) {
      Json.print(out(), users);
      return OK;
    }
    Table table = new Table("NAME", "ROLES", "LOGINS", "PASSWORD", "TOTP", "CREATED");
    for (UserView user : users) {
      table.row(
          user.name(),
          Text.list(user.roles()),
          Text.list(user.logins()),
          user.passwordSet() ? "set" : "invited",
          user.totp() ? "enrolled" : "-",
          Text.instant(user.created()));
    }
    table.print(out());
    return OK;
  }
}
