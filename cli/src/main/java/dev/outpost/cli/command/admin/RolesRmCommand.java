package dev.outpost.cli.command.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code outpost admin roles rm NAME}: users who had the role lose what it granted. */
@Command(name = "rm", description = "Remove a role.")
final class RolesRmCommand extends AdminRemoval {

  @Parameters(paramLabel = "NAME", description = "The role to remove.")
  String name;

  @Override
  String collection() {
    return "roles";
  }

  @Override
  String key() {
    return name;
  }

  @Override
  String done() {
    return "Role %s removed.".formatted(name);
  }
}
