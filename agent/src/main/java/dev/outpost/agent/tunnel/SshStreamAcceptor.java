package dev.outpost.agent.tunnel;

import dev.outpost.tunnel.StreamTarget;
import dev.outpost.agent.recording.SessionDirectory;
import dev.outpost.tunnel.Splice;
import dev.outpost.tunnel.StreamAcceptor;
import dev.outpost.tunnel.StreamRefusedException;
import dev.outpost.tunnel.TunnelStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletionException;
import java.util.logging.Logger;

/**
 * Serves the streams the proxy opens: {@code ssh…} targets are spliced to a fresh loopback TCP
 * connection to the SSH server, anything else is refused with the reason.
 *
 * <p>Why a loopback connection per stream rather than handing the stream's bytes to MINA
 * directly: MINA's transport is socket based, and a socket is the seam both SSH modes share (the
 * built-in server on an ephemeral port, or the node's OpenSSH on port 22), with the kernel doing
 * flow control and half-close. It costs one local socket pair per session, nothing per byte that
 * matters next to the encryption. The loopback port is no back door: the server accepts only user
 * certificates from the cluster's user CA, whichever way a connection arrives.
 */
public final class SshStreamAcceptor implements StreamAcceptor {
  public static final String SERVICE = "ssh";
  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final Logger LOG = Logger.getLogger(SshStreamAcceptor.class.getName());

  private final InetSocketAddress sshServer;
  private final SessionDirectory sessions;

  /**
   * @param sessions told which proxy session each loopback connection carries, for recordings
   */
  public SshStreamAcceptor(InetSocketAddress sshServer, SessionDirectory sessions) {
    this.sshServer = sshServer;
    this.sessions = sessions;
  }

  @Override
  public StreamHandler accept(String target) throws StreamRefusedException {
    StreamTarget parsed = StreamTarget.parse(target);
    if (!SERVICE.equals(parsed.service())) {
      throw new StreamRefusedException(
          "this agent serves only ssh streams, not '" + parsed.service() + "'");
    }
    return stream -> serve(stream, parsed);
  }

  private void serve(TunnelStream stream, StreamTarget target) {
    String key = target.fields().containsKey("key") ? ", stream key " + target.field("key") : "";
    String session = "ssh session " + target.field("session") + " (user " + target.field("user")
        + ", login " + target.field("login") + key + ")";
    Socket socket = new Socket();
    try {
      socket.connect(sshServer, CONNECT_TIMEOUT_MILLIS);
      socket.setTcpNoDelay(true);
    } catch (IOException e) {
      closeQuietly(socket);
      LOG.warning(() -> session + " refused: SSH server at " + sshServer + " unreachable: " + e.getMessage());
      stream.reset("the node's SSH server is not reachable");
      return;
    }
    LOG.info(() -> session + " started");
    int port = socket.getLocalPort();
    sessions.opened(port, target);
    try {
      Splice.Transferred transferred = Splice.start(Splice.Side.of(stream), Splice.Side.of(socket)).join();
      LOG.info(() -> session + " ended, " + transferred.aToB() + " bytes in, " + transferred.bToA() + " bytes out");
    } catch (CompletionException | IOException e) {
      LOG.info(() -> session + " aborted: " + e.getMessage());
      closeQuietly(socket);
    } finally {
      sessions.closed(port);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing to release beyond the descriptor, which close() frees anyway
    }
  }
}
