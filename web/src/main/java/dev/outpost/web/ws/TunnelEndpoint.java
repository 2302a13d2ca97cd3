package dev.outpost.web.ws;

import dev.outpost.tunnel.FrameTransport;
import dev.outpost.tunnel.SessionRegistry;
import dev.outpost.tunnel.StreamAcceptor;
import dev.outpost.tunnel.TunnelAuthenticator;
import dev.outpost.tunnel.TunnelConnection;
import dev.outpost.tunnel.TunnelSettings;
import jakarta.inject.Inject;

/**
 * What every tunnel endpoint does: serve the accepting side of the tunnel protocol over each
 * connection that {@link TunnelUpgradeServlet} upgrades on its path. Subclasses say how the peer
 * proves itself, which streams it may open and what becomes of the tunnel once it has.
 */
public abstract class TunnelEndpoint {
  /** One frame per message: the largest payload the protocol allows plus its header. */
  static final int MAX_MESSAGE = 1024 * 1024 + 64;

  @Inject TunnelRuntime runtime;

  /** Serves one upgraded connection: sends HELLO, then handles the peer's frames as they come. */
  void open(FrameTransport transport, String remoteAddress) {
    Peer peer = peer(remoteAddress);
    TunnelConnection connection = TunnelConnection.accept(
        transport, runtime.settings(), peer.verifier(), peer.acceptor(), sessions());
    connection.handshake().thenAccept(
        established -> peer.authenticated(established.peerIdentity(), established));
  }

  TunnelSettings settings() {
    return runtime.settings();
  }

  /** The peer of one new connection from {@code remoteAddress}, with whatever state it needs. */
  abstract Peer peer(String remoteAddress);

  /** Where the streams of resumable tunnels wait for their peer to come back; null: not resumable. */
  SessionRegistry sessions() {
    return null;
  }

  /** One connection's peer: how it proves itself, which streams it may open, its tunnel once proven. */
  interface Peer {
    TunnelAuthenticator.Verifier verifier();

    StreamAcceptor acceptor();

    /** The peer proved {@code identity}; {@code connection} is ready. */
    void authenticated(String identity, TunnelConnection connection);
  }
}
