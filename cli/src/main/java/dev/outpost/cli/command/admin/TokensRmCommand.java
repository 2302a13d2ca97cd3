package dev.outpost.cli.command.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code outpost admin tokens rm ID}: the token stops working before anyone uses it. */
@Command(name = "rm", description = "Withdraw a join token before it is used.")
final class TokensRmCommand extends AdminRemoval {

  @Parameters(paramLabel = "ID", description = "The token's id, from tokens add or tokens ls.")
  String id;

  @Override
  String collection() {
    return "tokens";
  }

  @Override
  String key() {
    return id;
  }

  @Override
  String done() {
    return "Join token %s withdrawn.".formatted(id);
  }
}
