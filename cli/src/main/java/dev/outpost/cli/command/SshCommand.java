package dev.outpost.cli.command;

import dev.outpost.cli.CliException;
import dev.outpost.cli.ssh.Destination;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code outpost ssh}: a shell or a command on a node, through the proxy. */
@Command(
    name = "ssh",
    description = "Open a shell on a node, or run a command there and exit with its status.")
final class SshCommand extends BaseCommand {

  @Option(
      names = "--cluster",
      paramLabel = "NAME",
      description = "The node's cluster (default: the one logged in to).")
  String cluster;

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
    return NodeSessions.open(this, cluster, destination, (ssh, connection, target, host) ->
        ssh.run(connection.stream(), target, host, command, environment().stdio()));
  }
}
