package dev.outpost.cli.command.admin;

import dev.outpost.cli.command.CommandGroup;
import picocli.CommandLine.Command;

/** {@code outpost admin roles}. */
@Command(
    name = "roles",
    description = "Manage roles.",
    subcommands = {RolesCreateCommand.class, RolesLsCommand.class, RolesRmCommand.class})
final class RolesCommand extends CommandGroup {}
