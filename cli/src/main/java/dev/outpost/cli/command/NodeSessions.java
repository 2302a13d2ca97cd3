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

/**
 * What {@code outpost ssh} and {@code outpost scp} share: the login's credentials, the node's SSH
 * target in the right cluster, and a stream to it through the proxy.
 */
final class NodeSessions {

  /** For dialing the proxy, and for the SSH handshake and authentication. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** What to do with the node once the stream is open; returns the exit status. */
  @FunctionalInterface
  interface Use {
    int on(NodeSsh ssh, NodeConnection connection, SshTarget target, String hostPrincipal)
        throws CliException;
  }

  private NodeSessions() {}

  /**
   * Opens a stream to {@code destination} in {@code cluster} (null: the logged-in one) and hands
   * it to {@code use}; the login defaults to the certificate's first.
   */
  static int open(BaseCommand command, String cluster, Destination destination, Use use)
      throws CliException {
    Credentials credentials = command.store().load();
    SshIdentity identity = credentials.sshIdentity();
    SshTarget target = destination.toTarget(defaultLogin(command, identity));
    String clusterName = cluster == null ? credentials.profile().cluster() : cluster;
    if (cluster != null) {
      target = new SshTarget(target.login(), target.hostPrincipal(cluster), target.port());
    }
    NodeSsh ssh = new NodeSsh(identity, credentials.hostCaKeys(clusterName),
        command.environment().clock(), TIMEOUT);
    try (NodeConnection connection =
        NodeConnection.open(
            credentials.profile().proxyAddress(), credentials.tls(), identity, target, TIMEOUT)) {
      return use.on(ssh, connection, target, target.hostPrincipal(clusterName));
    }
  }

  private static String defaultLogin(BaseCommand command, SshIdentity identity) {
    List<String> logins = identity.logins();
    return logins.isEmpty() ? command.environment().userName() : logins.get(0);
  }
}
