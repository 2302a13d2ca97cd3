package dev.outpost.cli.command.admin;

import dev.outpost.cli.command.CommandGroup;
import picocli.CommandLine.Command;

/** {@code outpost admin}: administration, for users with role {@code admin}. */
@Command(
    name = "admin",
    description = "Administer the cluster (needs role admin).",
    subcommands = {
      UsersCommand.class,
      RolesCommand.class,
      SsoCommand.class,
      TokensCommand.class,
      NodesCommand.class,
      LockCommand.class,
      LocksCommand.class,
      ClustersCommand.class,
      CaCommand.class
    })
public final class AdminCommand extends CommandGroup {}
