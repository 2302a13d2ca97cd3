package dev.outpost.agent.tunnel;

import dev.outpost.tunnel.Splice;
import dev.outpost.tunnel.StreamAcceptor;
import dev.outpost.tunnel.StreamRefusedException;
import dev.outpost.tunnel.StreamTarget;
import dev.outpost.tunnel.TunnelStream;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * Serves the streams the proxy opens: {@code ssh…} targets go to the node's SSH server through an
 * {@link SshServerLink}, anything else is refused with the reason.
 */
public final class SshStreamAcceptor implements StreamAcceptor {
  public static final String SERVICE = "ssh";
  private static final Logger LOG = Logger.getLogger(SshStreamAcceptor.class.getName());

  /**
   * How an SSH stream reaches the server: handed to the built-in server in process ({@code
   * BuiltinSshServer::serve}), or spliced to a loopback connection to the node's OpenSSH ({@link
   * LoopbackSshLink}).
   */
  @FunctionalInterface
  public interface SshServerLink {
    /**
     * Carries {@code stream}, whose target is {@code target}, until the SSH connection ends;
     * returns the bytes that came in and went out.
     *
     * @throws IOException if the connection could not be made or failed midway; the stream is
     *     reset then
     */
    Splice.Transferred carry(TunnelStream stream, StreamTarget target) throws IOException;
  }

  private final SshServerLink server;

  public SshStreamAcceptor(SshServerLink server) {
    this.server = server;
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
    LOG.info(() -> session + " started");
    try {
      Splice.Transferred transferred = server.carry(stream, target);
      LOG.info(() -> session + " ended, " + transferred.aToB() + " bytes in, " + transferred.bToA() + " bytes out");
    } catch (IOException e) {
      LOG.info(() -> session + " aborted: " + e.getMessage());
    }
  }
}
