package dev.outpost.cli.command.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code outpost admin nodes rm NAME}: forget an offline node; it must join again to return. */
@Command(name = "rm", description = "Remove an offline node; it must join again to come back.")
final class NodesRmCommand extends AdminRemoval {

  @Parameters(paramLabel = "NAME", description = "The node to remove.")
  String name;

  @Override
  String collection() {
    return "nodes";
  }

  @Override
  String key() {
    return name;
  }

  @Override
  String done() {
    return "Node %s removed; its certificate no longer opens a tunnel.".formatted(name);
  }
}
