package dev.outpost.cli.command;

import dev.outpost.cli.CliException;
import dev.outpost.cli.ssh.Destination;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code outpost ssh}: a shell or a command on a node, through the proxy. */
@Command(
    name = "ssh",
    description = "Open a shell on a node, or run a command there and exit with its status.")
final class SshCommand extends BaseCommand {

  @Mixin NodeClusterOption cluster;

  @Parameters(
      index = "0",
      paramLabel = "[LOGIN@]NODE",
      description = "Login defaults to the certificate's first login.")
  Destination destination;

  @Parameters(
      index = "1..*",
      paramLabel = "COMMAND",
      description = "Command to run instead of a login shell.")
  List<String> command = List.of();

  @Override
  public Integer call() throws CliException {
    return NodeSessions.open(this, cluster.cluster,
        destination, (ssh, connection, target, host) ->
        ssh.run(connection.stream(), target, host, command, environment().stdio()));
  }
}
