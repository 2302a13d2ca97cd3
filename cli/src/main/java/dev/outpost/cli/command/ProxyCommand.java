package dev.outpost.cli.command;

import picocli.CommandLine.Command;

/** {@code outpost proxy}: byte pipes for other programs. */
@Command(
    name = "proxy",
    description = "Byte pipes through the proxy for other programs.",
    subcommands = ProxySshCommand.class)
final class ProxyCommand extends CommandGroup {}
