package dev.outpost.cli.command;

import dev.outpost.cli.CliException;
import dev.outpost.cli.profile.Credentials;
import dev.outpost.cli.ssh.ResumingNodeConnection;
import dev.outpost.cli.ssh.SshTarget;
import dev.outpost.cli.ssh.Stdio;
import dev.outpost.tunnel.Splice;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code outpost proxy ssh}: standard input and output become the node's SSH connection, for
 * OpenSSH's {@code ProxyCommand}. Nothing but SSH bytes may reach standard output. The connection
 * survives a restart of the proxy: it reconnects and resumes the stream end to end.
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
    TellingSide local = null;
    try (ResumingNodeConnection connection =
        ResumingNodeConnection.open(
            credentials.profile().proxyAddress(),
            credentials.tls(),
            credentials.sshIdentity(),
            target,
            NodeSessions.TIMEOUT)) {
      local = new TellingSide(Splice.Side.of(stdio.in(), stdio.out()), err(),
          "outpost: connection to " + target + " lost: ");
      Splice.start(local, Splice.Side.of(connection.stream())).join();
      return OK;
    } catch (CompletionException e) {
      if (local != null && local.told) {
        return CliException.FAILURE;
      }
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw CliException.failure("connection to " + target + " lost: " + cause.getMessage(), cause);
    }
  }

  /**
   * Standard input and output, saying why on stderr before they are closed by a failed splice:
   * OpenSSH ends the moment this command's output closes, and kills the command, so the reason
   * (e.g. the node's link did not come back within the resume grace) must already be out by then.
   */
  private static final class TellingSide implements Splice.Side {
    private final Splice.Side stdio;
    private final PrintWriter err;
    private final String prefix;
    private volatile boolean told;

    TellingSide(Splice.Side stdio, PrintWriter err, String prefix) {
      this.stdio = stdio;
      this.err = err;
      this.prefix = prefix;
    }

    @Override
    public InputStream input() {
      return stdio.input();
    }

    @Override
    public OutputStream output() {
      return stdio.output();
    }

    @Override
    public void closeOutput() throws IOException {
      stdio.closeOutput();
    }

    @Override
    public void abort(String reason) {
      err.println(prefix + reason);
      err.flush();
      told = true;
      stdio.abort(reason);
    }

    @Override
    public void close() throws IOException {
      stdio.close();
    }
  }
}
