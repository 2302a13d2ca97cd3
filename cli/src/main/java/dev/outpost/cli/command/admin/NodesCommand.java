package dev.outpost.cli.command.admin;

import dev.outpost.cli.command.CommandGroup;
import picocli.CommandLine.Command;

/** {@code outpost admin nodes}. */
@Command(
    name = "nodes",
    description = "Inspect nodes and remove those that are gone.",
    subcommands = {NodesLsCommand.class, NodesRmCommand.class})
final class NodesCommand extends CommandGroup {}
