package dev.outpost.agent.ssh;

import dev.outpost.tunnel.StreamTarget;
import java.net.SocketAddress;
import java.util.Optional;

/**
 * The client address of an SSH connection that arrived on a tunnel stream: the stream's target,
 * in which the proxy names the session, the user it authorised and the login. MINA SSHD reports it
 * as the session's client address, so that the authenticator, the recorder and the audit events
 * know which proxy session they serve; a connection from anywhere else has an address of another
 * kind.
 */
public final class TunnelClientAddress extends SocketAddress {
  private static final long serialVersionUID = 1L;

  private final int streamId;
  private final transient StreamTarget target;

  public TunnelClientAddress(int streamId, StreamTarget target) {
    this.streamId = streamId;
    this.target = target;
  }

  /** The target of the stream {@code client} came over, if it came over one. */
  public static Optional<StreamTarget> streamOf(SocketAddress client) {
    return client instanceof TunnelClientAddress tunnel
        ? Optional.ofNullable(tunnel.target)
        : Optional.empty();
  }

  @Override
  public String toString() {
    return "tunnel stream " + streamId;
  }
}
