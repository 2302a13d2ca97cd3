package dev.outpost.cli.ssh;

import dev.outpost.cli.CliException;
import dev.outpost.tunnel.LoopbackBridge;
import dev.outpost.tunnel.TunnelStream;
import java.io.IOException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.client.session.ClientSession;

/**
 * {@code outpost ssh} and {@code outpost scp}: an SSH session to a node over a tunnel stream, with the user's certificate,
 * the node's host certificate checked against the cluster's host CA.
 *
 * <pre>
 *  MINA client ──TCP──▶ LoopbackBridge (127.0.0.1:0, one connection) ══ tunnel stream ══▶ node
 * </pre>
 */
public final class NodeSsh {

  private final SshIdentity identity;
  private final List<PublicKey> hostCaKeys;
  private final Clock clock;
  private final Duration timeout;

  /**
   * @param timeout for connecting and authenticating, each
   */
  public NodeSsh(SshIdentity identity, List<PublicKey> hostCaKeys, Clock clock, Duration timeout) {
    this.identity = identity;
    this.hostCaKeys = List.copyOf(hostCaKeys);
    this.clock = clock;
    this.timeout = timeout;
  }

  /** What to do on an authenticated session; returns the exit status. */
  @FunctionalInterface
  public interface SessionWork {
    int on(ClientSession session) throws IOException, CliException;
  }

  /**
   * Runs {@code command} (the login shell when empty) on the node behind {@code stream}.
   *
   * @param hostPrincipal {@code NODE.CLUSTER}, the name the host certificate must carry
   * @return the remote exit status
   */
  public int run(
      TunnelStream stream,
      SshTarget target,
      String hostPrincipal,
      List<String> command,
      Stdio stdio)
      throws CliException {
    return on(stream, target, hostPrincipal, session -> command.isEmpty()
        ? RemoteSession.shell(session, stdio, Terminal.ifInteractive())
        : RemoteSession.exec(session, String.join(" ", command), stdio));
  }

  /**
   * Copies files between here and the node behind {@code stream} with the SCP protocol.
   *
   * @param hostPrincipal {@code NODE.CLUSTER}, the name the host certificate must carry
   */
  public int copy(TunnelStream stream, SshTarget target, String hostPrincipal, FileCopy copy)
      throws CliException {
    return on(stream, target, hostPrincipal, copy::run);
  }

  private int on(TunnelStream stream, SshTarget target, String hostPrincipal, SessionWork work)
      throws CliException {
    HostCertificateVerifier verifier =
        new HostCertificateVerifier(hostCaKeys, hostPrincipal, clock);
    try (LoopbackBridge bridge = LoopbackBridge.open(stream, timeout);
        NodeSshClient client = new NodeSshClient(verifier, hostPrincipal, timeout)) {
      try (ClientSession session = client.connect(bridge, target.login(), identity)) {
        return work.on(session);
      } catch (IOException e) {
        throw CliException.failure(
            "SSH session with "
                + hostPrincipal
                + " broke: "
                + bridge.awaitFailure(NodeSshClient.REASON_WAIT).orElse(e.getMessage()),
            e);
      }
    } catch (IOException e) {
      throw CliException.failure(
          "cannot set up SSH to " + hostPrincipal + ": " + e.getMessage(), e);
    }
  }
}
