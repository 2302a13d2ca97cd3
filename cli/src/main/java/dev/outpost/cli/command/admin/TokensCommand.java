package dev.outpost.cli.command.admin;

import dev.outpost.cli.command.CommandGroup;
import picocli.CommandLine.Command;

/** {@code outpost admin tokens}. */
@Command(name = "tokens", description = "Manage join tokens.", subcommands = {TokensAddCommand.class, TokensLsCommand.class, TokensRmCommand.class})
final class TokensCommand extends CommandGroup {}
