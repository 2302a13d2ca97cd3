package dev.outpost.cli.command;

import dev.outpost.cli.CliException;
import dev.outpost.cli.profile.Credentials;
import dev.outpost.cli.ssh.Destination;
import dev.outpost.cli.ssh.NodeConnection;
import dev.outpost.cli.ssh.NodeSsh;
import dev.outpost.cli.ssh.SshIdentity;
import dev.outpost.cli.ssh.SshTarget;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code outpost ssh}: a shell or a command on a node, through the proxy. */
@Command(
    name = "ssh",
    description = "Open a shell on a node, or run a command there and exit with its status.")
final class SshCommand extends BaseCommand {

  /** For dialing the proxy, and for the SSH handshake and authentication. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

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
    Credentials credentials = store().load();
    SshIdentity identity = credentials.sshIdentity();
    SshTarget target = destination.toTarget(defaultLogin(identity));
    String clusterName = cluster == null ? credentials.profile().cluster() : cluster;
    if (cluster != null) {
      target = new SshTarget(target.login(), target.hostPrincipal(cluster), target.port());
    }
    NodeSsh ssh = new NodeSsh(identity, credentials.hostCaKeys(), environment().clock(), TIMEOUT);
    try (NodeConnection connection =
        NodeConnection.open(
            credentials.profile().proxyAddress(), credentials.tls(), identity, target, TIMEOUT)) {
      return ssh.run(
          connection.stream(),
          target,
          target.hostPrincipal(clusterName),
          command,
          environment().stdio());
    }
  }

  private String defaultLogin(SshIdentity identity) {
    List<String> logins = identity.logins();
    return logins.isEmpty() ? environment().userName() : logins.get(0);
  }
}
