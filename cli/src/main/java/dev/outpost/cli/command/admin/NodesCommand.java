package dev.outpost.cli.command.admin;

import dev.outpost.cli.command.CommandGroup;
import picocli.CommandLine.Command;

/** {@code outpost admin nodes}. */
@Command(name = "nodes", description = "Inspect nodes.", subcommands = NodesLsCommand.class)
final class NodesCommand extends CommandGroup {}
