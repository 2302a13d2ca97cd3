package dev.outpost.cli.command.admin;

import dev.outpost.cli.command.CommandGroup;
import picocli.CommandLine.Command;

/** {@code outpost admin users}. */
@Command(
    name = "users",
    description = "Manage local users.",
    subcommands = {UsersAddCommand.class, UsersLsCommand.class, UsersRmCommand.class})
final class UsersCommand extends CommandGroup {}
