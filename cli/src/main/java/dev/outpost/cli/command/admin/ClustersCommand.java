package dev.outpost.cli.command.admin;

import dev.outpost.cli.command.CommandGroup;
import picocli.CommandLine.Command;

/** {@code outpost admin clusters}. */
@Command(
    name = "clusters",
    description = "Trusted clusters: join a root, list trusts, remove one.",
    subcommands = {ClustersJoinCommand.class, ClustersLsCommand.class, ClustersRmCommand.class})
final class ClustersCommand extends CommandGroup {}
