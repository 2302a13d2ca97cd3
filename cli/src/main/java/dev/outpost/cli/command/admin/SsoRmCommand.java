package dev.outpost.cli.command.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code outpost admin sso rm NAME}: its users stay, but can no longer sign in. */
@Command(name = "rm", description = "Remove an SSO connector.")
final class SsoRmCommand extends AdminRemoval {

  @Parameters(paramLabel = "NAME", description = "The connector to remove.")
  String name;

  @Override
  String collection() {
    return "sso";
  }

  @Override
  String key() {
    return name;
  }

  @Override
  String done() {
    return "SSO connector %s removed.".formatted(name);
  }
}
