package dev.outpost.cli.command.admin;

import picocli.CommandLine.Command;

/** {@code outpost admin sso rm NAME}: its users stay, but can no longer sign in. */
@Command(name = "rm", description = "Remove an SSO connector.")
final class SsoRmCommand extends ResourceRmCommand {

  @Override
  String collection() {
    return "/api/v1/admin/sso";
  }

  @Override
  String noun() {
    return "SSO connector";
  }
}
