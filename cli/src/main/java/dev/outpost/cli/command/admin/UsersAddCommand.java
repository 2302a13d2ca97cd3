package dev.outpost.cli.command.admin;

import dev.outpost.api.UserCreated;
import dev.outpost.api.UserRequest;
import dev.outpost.cli.CliException;
import dev.outpost.cli.command.BaseCommand;
import dev.outpost.cli.command.FormatOption;
import dev.outpost.cli.output.Format;
import dev.outpost.cli.output.Json;
import dev.outpost.cli.output.Text;
import dev.outpost.client.http.ApiException;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code outpost admin users add}: creates a user, who sets a password through a one-time invite.
 */
@Command(name = "add", description = "Create a user and print a one-time invite URL and code.")
final class UsersAddCommand extends BaseCommand {

  @Parameters(paramLabel = "NAME", description = "The new user's name.")
  String name;

  @Option(
      names = "--roles",
      required = true,
      split = ",",
      paramLabel = "ROLE[,ROLE...]",
      description = "Roles, such as access, admin or a role created with roles create.")
  List<String> roles;

  @Option(
      names = "--logins",
      split = ",",
      paramLabel = "LOGIN[,LOGIN...]",
      description = "OS logins the user may use on nodes.")
  List<String> logins = List.of();

  @Mixin FormatOption format;

  @Override
  public Integer call() throws CliException, ApiException, IOException {
    UserCreated created =
        store()
            .load()
            .api()
            .post("/api/v1/admin/users", new UserRequest(name, roles, logins), UserCreated.class);
    if (format.format() == Format.JSON) {
      Json.print(out(), created);
      return OK;
    }
    out()
        .printf(
            "User %s created with roles %s and logins %s.%n",
            created.name(), Text.list(created.roles()), Text.list(created.logins()));
    out()
        .printf(
            "Send them this one-time invite (valid until %s) to set a password:%n",
            Text.instant(created.expires()));
    out().printf("  Invite URL:  %s%n", created.inviteUrl());
    out().printf("  Invite code: %s%n", created.inviteCode());
    return OK;
  }
}
