package dev.outpost.cli.command.admin;

import dev.outpost.api.UserUpdate;
import dev.outpost.api.UserView;
import dev.outpost.cli.CliException;
import dev.outpost.cli.command.BaseCommand;
import dev.outpost.cli.command.FormatOption;
import dev.outpost.cli.output.Format;
import dev.outpost.cli.output.Json;
import dev.outpost.cli.output.Text;
import dev.outpost.client.http.ApiException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code outpost admin users update NAME --set-roles=… --set-logins=…}: replaces what is given.
 * The proxy's decisions change at once; nodes see the change with the user's next login.
 */
@Command(name = "update", description = "Replace a user's roles and/or logins.")
final class UsersUpdateCommand extends BaseCommand {

  @Parameters(paramLabel = "NAME", description = "The user to change.")
  String name;

  @Option(
      names = "--set-roles",
      split = ",",
      paramLabel = "ROLE[,ROLE...]",
      description = "The user's roles from now on.")
  List<String> roles;

  @Option(
      names = "--set-logins",
      split = ",",
      paramLabel = "LOGIN[,LOGIN...]",
      description = "The user's OS logins from now on (empty to remove all: --set-logins=).")
  List<String> logins;

  @Mixin FormatOption format;

  @Override
  public Integer call() throws CliException, ApiException, IOException {
    if (roles == null && logins == null) {
      throw CliException.usage("give --set-roles, --set-logins or both");
    }
    UserView user = store().load().api().patch(
        "/api/v1/admin/users/" + URLEncoder.encode(name, StandardCharsets.UTF_8),
        new UserUpdate(roles, logins == null ? null : logins.stream().filter(l -> !l.isBlank()).toList()),
        UserView.class);
    if (format.format() == Format.JSON) {
      Json.print(out(), user);
      return OK;
    }
    out().printf("User %s now has roles %s and logins %s; nodes see it at their next login.%n",
        user.name(), Text.list(user.roles()), Text.list(user.logins()));
    return OK;
  }
}
