package dev.outpost.cli.command.admin;

import dev.outpost.cli.command.CommandGroup;
import picocli.CommandLine.Command;

/** {@code outpost admin locks}: the locks that {@code outpost admin lock} made. */
@Command(
    name = "locks",
    description = "List and lift locks.",
    subcommands = {LocksLsCommand.class, LocksRmCommand.class})
final class LocksCommand extends CommandGroup {}
