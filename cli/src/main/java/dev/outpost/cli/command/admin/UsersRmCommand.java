package dev.outpost.cli.command.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code outpost admin users rm NAME}: the user can no longer log in; live sessions end. */
@Command(name = "rm", description = "Remove a user and end their sessions.")
final class UsersRmCommand extends AdminRemoval {

  @Parameters(paramLabel = "NAME", description = "The user to remove.")
  String name;

  @Override
  String collection() {
    return "users";
  }

  @Override
  String key() {
    return name;
  }

  @Override
  String done() {
    return "User %s removed; their sessions end within seconds.".formatted(name);
  }
}
