package dev.outpost.cli.command.admin;

import dev.outpost.cli.command.CommandGroup;
import picocli.CommandLine.Command;

/** {@code outpost admin sso}. */
@Command(
    name = "sso",
    description = "Manage single sign-on connectors (OpenID Connect).",
    subcommands = {SsoCreateCommand.class, SsoLsCommand.class, SsoRmCommand.class})
final class SsoCommand extends CommandGroup {}
