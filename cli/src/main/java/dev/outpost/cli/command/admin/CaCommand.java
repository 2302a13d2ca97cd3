package dev.outpost.cli.command.admin;

import dev.outpost.cli.command.CommandGroup;
import picocli.CommandLine.Command;

/** {@code outpost admin ca}. */
@Command(
    name = "ca",
    description = "List and rotate the user and host CAs.",
    subcommands = {CaLsCommand.class, CaRotateCommand.class})
final class CaCommand extends CommandGroup {}
