package dev.outpost.agent.tunnel;

import dev.outpost.tunnel.Splice;
import dev.outpost.tunnel.StreamTarget;
import dev.outpost.tunnel.TunnelStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletionException;

/**
 * Splices each SSH stream to a fresh TCP connection to an SSH server on this host: the node's
 * OpenSSH in {@code --ssh-mode=openssh}, which the agent cannot serve in process.
 */
public final class LoopbackSshLink implements SshStreamAcceptor.SshServerLink {
  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

  private final InetSocketAddress server;

  public LoopbackSshLink(InetSocketAddress server) {
    this.server = server;
  }

  @Override
  public Splice.Transferred carry(TunnelStream stream, StreamTarget target) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(server, CONNECT_TIMEOUT_MILLIS);
      socket.setTcpNoDelay(true);
    } catch (IOException e) {
      socket.close();
      stream.reset("the node's SSH server is not reachable");
      throw new IOException("SSH server at " + server + " unreachable: " + e.getMessage(), e);
    }
    try {
      return Splice.start(Splice.Side.of(stream), Splice.Side.of(socket)).join();
    } catch (CompletionException e) {
      socket.close();
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IOException(cause.getMessage(), cause);
    } catch (IOException e) {
      socket.close();
      stream.reset("the node's SSH connection failed");
      throw e;
    }
  }

  @Override
  public String toString() {
    return "OpenSSH at " + server;
  }
}
