package dev.outpost.cli.command;

import dev.outpost.cli.CliException;
import dev.outpost.cli.profile.Credentials;
import dev.outpost.cli.ssh.NodeConnection;
import dev.outpost.cli.ssh.SshTarget;
import dev.outpost.cli.ssh.Stdio;
import dev.outpost.tunnel.Splice;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code outpost proxy ssh}: standard input and output become the node's SSH connection, for
 * OpenSSH's {@code ProxyCommand}. Nothing but SSH bytes may reach standard output.
 */
@Command(name = "ssh", description = "Pipe stdin/stdout to a node's SSH server (for ProxyCommand).")
final class ProxySshCommand extends BaseCommand {

  @Parameters(
      paramLabel = "LOGIN@NODE[.CLUSTER]:PORT",
      description = "As OpenSSH expands %%r@%%h:%%p.")
  SshTarget target;

  @Override
  public Integer call() throws CliException {
    Credentials credentials = store().load();
    Stdio stdio = environment().stdio();
    try (NodeConnection connection =
        NodeConnection.open(
            credentials.profile().proxyAddress(),
            credentials.tls(),
            credentials.sshIdentity(),
            target,
            NodeSessions.TIMEOUT)) {
      Splice.start(Splice.Side.of(stdio.in(), stdio.out()), Splice.Side.of(connection.stream()))
          .join();
      return OK;
    } catch (CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw CliException.failure("connection to " + target + " lost: " + cause.getMessage(), cause);
    }
  }
}
