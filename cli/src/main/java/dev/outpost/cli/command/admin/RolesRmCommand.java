package dev.outpost.cli.command.admin;

import picocli.CommandLine.Command;

/** {@code outpost admin roles rm NAME}: users who had the role lose what it granted. */
@Command(name = "rm", description = "Remove a role.")
final class RolesRmCommand extends ResourceRmCommand {

  @Override
  String collection() {
    return "/api/v1/admin/roles";
  }

  @Override
  String noun() {
    return "Role";
  }
}
