package dev.outpost.cli.command;

import picocli.CommandLine.Command;

/** {@code outpost apps}: web apps behind agents. */
@Command(name = "apps", description = "Web apps on devices, opened in the browser through the proxy.",
    subcommands = {AppsLsCommand.class, AppsLoginCommand.class})
final class AppsCommand extends CommandGroup {}
