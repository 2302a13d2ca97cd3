package dev.outpost.tunnel;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * One authenticated, multiplexed connection between two peers (proxy and agent, or proxy and
 * client). Callers depend on this interface only; how frames are carried is the {@link
 * FrameTransport}'s business.
 */
public interface Tunnel extends AutoCloseable {

  /**
   * Opens a logical stream to {@code target} on the peer, waiting until the peer accepts or
   * refuses it.
   *
   * @throws StreamRefusedException when the peer refuses, with the peer's reason
   * @throws IOException when the tunnel is closed or closes meanwhile
   */
  TunnelStream open(String target) throws IOException;

  /**
   * Opens {@code target}, a {@code resume?key=…} that carries an end-to-end stream on after the
   * relay that carried it went away, counting from the opening end's {@code point} (see {@link
   * TunnelConnection#openResumed}).
   *
   * @throws IOException when the peer refuses, with its reason
   */
  TunnelStream openResumed(String target, EndToEndPoint point) throws IOException;

  /** What the peer proved in the handshake (e.g. a node or user name); empty if not checked. */
  String peerIdentity();

  boolean isOpen();

  /** Completes once, with the reason, when the tunnel is closed by either side or the transport. */
  CompletableFuture<String> closed();

  /** Sends GOAWAY with {@code reason}, resets all streams and closes the transport. */
  void close(String reason);

  @Override
  default void close() {
    close("closed");
  }
}
