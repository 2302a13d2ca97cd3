package dev.outpost.cli.command.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code outpost admin locks rm ID}: lifts a lock before it expires. */
@Command(name = "rm", description = "Lift a lock.")
final class LocksRmCommand extends AdminRemoval {

  @Parameters(paramLabel = "ID", description = "The lock's id, from 'outpost admin locks ls'.")
  String id;

  @Override
  String collection() {
    return "locks";
  }

  @Override
  String key() {
    return id;
  }

  @Override
  String done() {
    return "Lock %s lifted.".formatted(id);
  }
}
